// Renders values as text tables: lists of records as aligned columns, records as key: value.

/// Lays out values for a terminal. Numbers and money are right-aligned so digits line up, and
/// amounts in columns read as `TableCell` shows them.
public enum TablePrinter {
    public static func render(_ value: Value) -> String {
        TextOutput.lines { write(value, to: $0) }
    }

    /// Writes the value as lines of `output`; a table of any length is written a row at a time.
    public static func write(_ value: Value, to output: TextOutput) {
        if StatementPrinter.isStatementList(value) { return StatementPrinter.writeTable(value, to: output) }
        if AllocationPrinter.isAllocation(value) { return AllocationPrinter.write(value, to: output) }
        switch value {
        case .list(let items) where isListOfRecords(items):
            writeTable(items, to: output)
        case .list(let items):
            if items.isEmpty { output.line("(empty list)") }
            for item in items where !output.failed { output.line(cell(item)) }
        case .record(let record):
            let width = record.shape.fieldNames.map(\.count).max() ?? 0
            for (name, value) in zip(record.shape.fieldNames, record.values) {
                output.line(name.padding(to: width) + "  " + displayCell(value))
            }
        default:
            output.line(cell(value))
        }
    }

    /// A value as a table shows it in a column: money to its minor unit and percents with two
    /// decimals, `≈` when that rounded (see `TableCell`); anything else as `cell` shows it.
    public static func displayCell(_ value: Value) -> String {
        TableCell.text(value)
    }

    /// A value as one table cell: text without quotes, a record by its id, a list compactly.
    public static func cell(_ value: Value) -> String {
        switch value {
        // A line break would tear the table apart; show it as the escape a rule file uses.
        case .text(let text):
            return text.contains("\n") ? text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\\n") : text
        case .record(let record):
            for key in ["id", "handle", "name"] { if let named = record[key] { return cell(named) } }
            return value.description
        case .list(let items) where items.allSatisfy({ record($0) != nil }):
            return "\(items.count) item" + (items.count == 1 ? "" : "s")
        default: return value.description
        }
    }

    /// A list of records as a table with a column per field.
    private static func writeTable(_ items: ValueList, to output: TextOutput) {
        let columns = columnNames(of: items)
        var rightAligned = columns.map { _ in true }
        var kinds = columns.map { _ in TableCell.ColumnKind() }
        for item in items {
            guard let record = record(item) else { continue }
            for (index, column) in columns.enumerated() {
                guard let value = record[column] else { continue }
                if value.decimal == nil { rightAligned[index] = false }
                kinds[index].include(value)
            }
        }
        let moneyColumns = kinds.map(\.currency)
        TableLayout.write(header: columns, rightAligned: rightAligned, count: items.count, to: output) { index, row in
            let record = record(items[index])
            for (column, name) in columns.enumerated() {
                if let value = record?[name] { TableCell.append(value, moneyColumn: moneyColumns[column], to: row.bytes) }
                row.endCell()
            }
        }
    }

    /// Aligned columns under a header and a rule; numeric columns right-aligned so digits line up.
    public static func grid(header: [String], rows: [[String]], rightAligned: [Bool]) -> String {
        TextOutput.lines { output in
            TableLayout.write(header: header, rightAligned: rightAligned, count: rows.count, to: output) { index, row in
                for text in rows[index] { row.append(text) }
            }
        }
    }

    /// Every field name of the records, in order of first appearance; each record shape is
    /// looked at once, however many records share it.
    static func columnNames(_ records: [RecordValue]) -> [String] {
        var columns: [String] = [], seen: Set<String> = [], shapes: Set<ObjectIdentifier> = []
        for record in records where shapes.insert(ObjectIdentifier(record.shape)).inserted {
            for name in record.shape.fieldNames where seen.insert(name).inserted { columns.append(name) }
        }
        return columns
    }

    /// The field names of a list of records: a table's, or every record's in order of first appearance.
    static func columnNames(of items: ValueList) -> [String] {
        if case .table(let table, _) = items.storage { return table.shape.fieldNames }
        return columnNames(items.compactMap(record))
    }

    /// Whether every item is a record; a table's rows are, without building them.
    static func isListOfRecords(_ items: ValueList) -> Bool {
        guard !items.isEmpty else { return false }
        if case .table = items.storage { return true }
        return items.allSatisfy { record($0) != nil }
    }

    private static func record(_ value: Value) -> RecordValue? {
        if case .record(let record) = value { return record }
        return nil
    }
}

extension String {
    func padding(to width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - count))
    }

    func padding(toLeft width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }

    func trimmingTrailingSpaces() -> String {
        var result = self
        while result.last == " " { result.removeLast() }
        return result
    }
}
