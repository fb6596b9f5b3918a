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
    private var header: [String]?
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
        let rowsHeader = CSVWriter.write(value, explain: explain, lines: true, paidIn: currency, after: header, to: output)
        guard let header else {
            header = rowsHeader
            return
        }
        if header != rowsHeader {
            mismatch =
                "the rows' CSV columns changed part-way (first `\(header.joined(separator: ","))`, now `\(rowsHeader.joined(separator: ","))`)\n  fix: stream with --format ndjson, whose lines need no common header"
        }
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
