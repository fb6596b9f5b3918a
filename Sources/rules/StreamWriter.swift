// Writing a streamed run's values as they come: CSV under one header, or NDJSON.

import CampaignRules

/// Writes the values a streamed run returns, batch after batch, as one CSV table or as
/// NDJSON (one JSON value a line). Statements are written a line per row, as `--lines` writes
/// them: a column per line would need every statement before the header could be written.
final class StreamWriter {
    private let format: String
    private let explain: Bool
    private let currency: Currency?
    /// The CSV header written with the first rows; nil before them.
    private var header: Substring?
    private var wroteRows = false
    /// Set when a batch's CSV columns differ from the first batch's, which stops the run.
    private(set) var mismatch: String?

    init(format: String, explain: Bool, currency: Currency?) {
        self.format = format
        self.explain = explain
        self.currency = currency
    }

    /// Writes the rows of a list value; an empty list writes nothing.
    func write(_ value: Value, to output: TextOutput) {
        guard case .list(let items) = value, !items.isEmpty, mismatch == nil else { return }
        wroteRows = true
        guard format == "csv" else { return JSONWriter.writeLines(value, to: output) }
        let text = TextOutput.collecting { CSVWriter.write(value, explain: explain, lines: true, paidIn: currency, to: $0) }
        let headerEnd = text.range(of: "\r\n")?.upperBound ?? text.endIndex
        let rowsHeader = text[..<headerEnd]
        guard let header else {
            header = rowsHeader
            return output.write(text)
        }
        guard header == rowsHeader else {
            mismatch =
                "the rows' CSV columns changed part-way (first `\(header.dropLast(2))`, now `\(rowsHeader.dropLast(2))`)\n  fix: stream with --format ndjson, whose lines need no common header"
            return
        }
        output.write(String(text[headerEnd...]))
    }

    /// After the last value: when no rows were written, the last value (the output over no
    /// rows) is written whole, header and all, as the whole run would print it.
    func finish(_ last: Value?, to output: TextOutput) {
        guard !wroteRows, let last else { return }
        if format == "csv" {
            CSVWriter.write(last, explain: explain, lines: true, paidIn: currency, to: output)
        } else {
            JSONWriter.writeLines(last, to: output)
        }
    }
}
