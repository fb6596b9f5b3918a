// Writes values as CSV (RFC 4180): lists of records and statements as rows, exact decimals.

/// CSV output for `rules run --format csv`. Amounts are plain exact decimals (money padded to
/// its minor unit, without symbol or grouping) so spreadsheets read them as numbers. Every
/// row, the last included, ends in CRLF.
public enum CSVWriter {
    public static func render(_ value: Value, explain: Bool = false, lines: Bool = false, paidIn currency: Currency? = nil) -> String {
        TextOutput.collecting { write(value, explain: explain, lines: lines, paidIn: currency, to: $0) }
    }

    /// Writes the value's table a row at a time. With `explain`, a plan's statements get an
    /// `explanation` column: the reasons for each line, one per line of the cell. A plan's
    /// statements are a row each with a column per line as written; with `lines`, or when the
    /// plan has itemized lines (which such a column would sum), a row per line instead.
    ///
    /// Money in `currency` (the campaign's) is a bare amount; money in any other currency
    /// carries its code (`980.00 EUR`), as data files may write it, so a column mixing
    /// currencies never reads back as one.
    ///
    /// Returns the rows' header. With `previous`, the header of rows already written (a
    /// streamed run's earlier batches), the rows continue that table: no header is written, and
    /// when their header differs from it nothing is written at all.
    @discardableResult
    public static func write(
        _ value: Value, explain: Bool = false, lines: Bool = false, paidIn currency: Currency? = nil, after previous: [String]? = nil,
        to output: TextOutput
    ) -> [String] {
        let cell = { (value: Value) in CSVWriter.cell(value, paidIn: currency) }
        // A row per line needs no columns of lines: statements paid item by item always get one.
        let itemizedPlan = if case .list(let items) = value { items.isItemizedStatements } else { false }
        if let statements = StatementRows(value, withLabels: !lines && !itemizedPlan) {
            let byLine = lines || statements.itemized
            let header =
                statements.keys.header + (byLine ? ["line", "amount", "item"] : statements.labels + ["total"])
                + (explain ? ["explanation"] : [])
            guard begin(header, after: previous, to: output) else { return header }
            if byLine {
                writeLines(statements, explain: explain, to: output)
            } else {
                writeStatements(statements, explain: explain, to: output)
            }
            return header
        }
        switch value {
        case .list(let items):
            guard TablePrinter.isListOfRecords(items) else {
                guard begin(["value"], after: previous, to: output) else { return ["value"] }
                for item in items where !output.failed { row([cell(item)], to: output) }
                return ["value"]
            }
            let columns = TablePrinter.columnNames(of: items)
            guard begin(columns, after: previous, to: output) else { return columns }
            for case .record(let record) in items where !output.failed { row(columns.map { record[$0].map(cell) ?? "" }, to: output) }
            return columns
        case .record(let record):
            guard begin(["field", "value"], after: previous, to: output) else { return ["field", "value"] }
            for (name, field) in zip(record.shape.fieldNames, record.values) { row([name, cell(field)], to: output) }
            return ["field", "value"]
        default:
            guard begin(["value"], after: previous, to: output) else { return ["value"] }
            row([cell(value)], to: output)
            return ["value"]
        }
    }

    /// Writes the header, or for rows that continue a table, checks it is the table's.
    private static func begin(_ header: [String], after previous: [String]?, to output: TextOutput) -> Bool {
        guard let previous else {
            row(header, to: output)
            return true
        }
        return previous == header
    }

    /// The statement table without its `TOTAL` row, read from the plan's columns when it has them.
    private static func writeStatements(_ statements: StatementRows, explain: Bool, to output: TextOutput) {
        var amounts: [Value?] = []
        let key = ByteBuffer(), line = output.buffer
        for index in 0..<statements.count where !output.failed {
            let total = statements.read(index, into: &amounts)
            appendKey(statements.keys, index, scratch: key, to: line)
            for amount in amounts {
                line.append(UInt8(ascii: ","))
                if let amount { appendCell(amount, to: line) }
            }
            line.append(UInt8(ascii: ","))
            if let total { appendCell(total, to: line) }
            if explain {
                line.append(UInt8(ascii: ","))
                appendField(explanation(statements.statement(at: index)), to: line)
            }
            line.append(UInt8(ascii: "\r"), UInt8(ascii: "\n"))
            output.flushIfFull()
        }
    }

    /// Every line of every statement as a row: the key, the line's label and amount, and the key
    /// of the item it was paid for (see `ItemKey`; empty for a line that pays no item), so the
    /// next period can read the paid lines back (with `explain`, the reasons); then a row
    /// `total` for the statement, so a statement without lines still shows, and a spreadsheet
    /// sums the lines by leaving the `total` rows out. The columns are the same whatever the
    /// data holds, so the files of several runs or partitions can be joined.
    private static func writeLines(_ statements: StatementRows, explain: Bool, to output: TextOutput) {
        let key = ByteBuffer(), line = output.buffer
        for index in 0..<statements.count where !output.failed {
            guard let statement = statements.statement(at: index) else { continue }
            let rows =
                StatementRows.lines(of: statement).map { ($0.label, $0.amount, $0.item, $0.facts) }
                + [("total", statement["total"] ?? .missing, nil, statement.explanation?.facts ?? [])]
            for (label, amount, item, facts) in rows {
                appendKey(statements.keys, index, scratch: key, to: line)
                line.append(UInt8(ascii: ","))
                appendField(label, to: line)
                line.append(UInt8(ascii: ","))
                appendCell(amount, to: line)
                line.append(UInt8(ascii: ","))
                if let item { appendCell(item, to: line) }
                if explain {
                    line.append(UInt8(ascii: ","))
                    appendField(facts.joined(separator: "\n"), to: line)
                }
                line.append(UInt8(ascii: "\r"), UInt8(ascii: "\n"))
            }
            output.flushIfFull()
        }
    }

    /// The key's cells, each quoted as a field needs, separated by commas.
    private static func appendKey(_ keys: KeyCells, _ index: Int, scratch: ByteBuffer, to line: ByteBuffer) {
        var first = true
        scratch.removeAll()
        keys.appendCells(
            index, to: scratch, as: { cell($0) },
            endCell: {
                if !first { line.append(UInt8(ascii: ",")) }
                first = false
                appendField(scratch.bytes, to: line)
                scratch.removeAll()
            })
    }

    /// A statement's reasons as lines: each line's as `Label: reason`, then the statement's own
    /// (the lines that were not paid and why).
    static func explanation(_ statement: RecordValue?) -> String {
        guard let statement else { return "" }
        let lineReasons = StatementRows.lines(of: statement).flatMap { line in line.facts.map { "\(line.label): \($0)" } }
        return (lineReasons + (statement.explanation?.facts ?? [])).joined(separator: "\n")
    }

    /// One cell's text: numbers exact, money as its amount (with its code when it is not in
    /// `currency`), percents as fractions, records by id.
    public static func cell(_ value: Value, paidIn currency: Currency? = nil) -> String {
        if case .money(let amount, let code) = value, let currency, code != currency {
            let buffer = ByteBuffer()
            DecimalText.appendAmount(amount, code, to: buffer)
            return buffer.text + " " + code.code
        }
        switch value {
        case .number, .percent, .money:
            let buffer = ByteBuffer()
            appendCell(value, to: buffer)
            return buffer.text
        case .text(let text): return text
        default: return TablePrinter.cell(value)
        }
    }

    /// `cell(value)` for amounts, appended without a string.
    private static func appendCell(_ value: Value, to buffer: ByteBuffer) {
        switch value {
        // A percent above 1 is written with `%`: a bare number above 1 in a Percent column
        // reads as a slip (12 for 12%), and is refused when the file is read back.
        case .percent(let number) where number.magnitude.compare(.one) > 0:
            guard let hundredfold = number.scaled(byPowerOfTen: 2) else { return DecimalText.appendNumber(number, to: buffer) }
            DecimalText.appendNumber(hundredfold, to: buffer)
            buffer.append(UInt8(ascii: "%"))
        case .number(let number), .percent(let number): DecimalText.appendNumber(number, to: buffer)
        case .money(let amount, let currency): DecimalText.appendAmount(amount, currency, to: buffer)
        default: buffer.append(cell(value))
        }
    }

    /// Writes one row of fields and its CRLF.
    static func row(_ fields: [String], to output: TextOutput) {
        for (index, text) in fields.enumerated() {
            if index > 0 { output.buffer.append(UInt8(ascii: ",")) }
            appendField(text, to: output.buffer)
        }
        output.buffer.append(UInt8(ascii: "\r"), UInt8(ascii: "\n"))
        output.flushIfFull()
    }

    /// Quotes a field when it holds a comma, quote or line break.
    static func field(_ text: String) -> String {
        let buffer = ByteBuffer()
        appendField(text, to: buffer)
        return buffer.text
    }

    static func appendField(_ text: String, to buffer: ByteBuffer) {
        var text = text
        text.withUTF8 { appendField($0, to: buffer) }
    }

    /// The field, quoted (with quotes doubled) when it holds a comma, quote or line break.
    static func appendField(_ text: UnsafeBufferPointer<UInt8>, to buffer: ByteBuffer) {
        guard text.contains(where: { needsQuotes[Int($0)] }) else { return buffer.append(text) }
        buffer.append(UInt8(ascii: "\""))
        var plain = 0
        for (index, byte) in text.enumerated() where byte == UInt8(ascii: "\"") {
            // Each quote is written twice: the run up to and including it, then the quote again.
            buffer.append(UnsafeBufferPointer(rebasing: text[plain...index]))
            plain = index
        }
        buffer.append(UnsafeBufferPointer(rebasing: text[plain...]))
        buffer.append(UInt8(ascii: "\""))
    }

    /// For each byte, whether a field holding it must be quoted.
    private static let needsQuotes: [Bool] = (0..<256).map { [",", "\"", "\n", "\r"].map { UInt8(ascii: $0) }.contains(UInt8($0)) }
}
