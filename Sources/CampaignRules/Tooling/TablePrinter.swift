// Renders values as text tables: lists of records as aligned columns, records as key: value.

/// Lays out values for a terminal. Numbers and money are right-aligned so digits line up.
public enum TablePrinter {
    public static func render(_ value: Value) -> String {
        if StatementPrinter.isStatementList(value) { return StatementPrinter.table(value) }
        switch value {
        case .list(let items) where !items.isEmpty && items.allSatisfy(isRecord):
            return table(items.compactMap(record))
        case .list(let items):
            return items.isEmpty ? "(empty list)" : items.map(cell).joined(separator: "\n")
        case .record(let record):
            let width = record.shape.fieldNames.map(\.count).max() ?? 0
            return zip(record.shape.fieldNames, record.values).map { name, value in
                name.padding(to: width) + "  " + cell(value)
            }.joined(separator: "\n")
        default:
            return cell(value)
        }
    }

    /// A value as one table cell: text without quotes, a record by its id, a list compactly.
    public static func cell(_ value: Value) -> String {
        switch value {
        // A line break would tear the table apart; show it as the escape a rule file uses.
        case .text(let text): return text.contains("\n") ? text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\\n") : text
        case .record(let record):
            for key in ["id", "handle", "name"] { if let named = record[key] { return cell(named) } }
            return value.description
        case .list(let items) where items.allSatisfy(isRecord):
            return "\(items.count) item" + (items.count == 1 ? "" : "s")
        default: return value.description
        }
    }

    static func table(_ records: [RecordValue]) -> String {
        let columns = columnNames(records)
        let rows = records.map { record in columns.map { record[$0].map(cell) ?? "" } }
        let rightAligned = columns.map { column in
            records.allSatisfy { record in record[column].map { $0.decimal != nil } ?? true }
        }
        return grid(header: columns, rows: rows, rightAligned: rightAligned)
    }

    /// Aligned columns under a header and a rule; numeric columns right-aligned so digits line up.
    public static func grid(header: [String], rows: [[String]], rightAligned: [Bool]) -> String {
        let widths = header.indices.map { column in
            max(header[column].count, rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0)
        }
        func line(_ cells: [String]) -> String {
            header.indices.map { column in
                let text = column < cells.count ? cells[column] : ""
                return rightAligned[column] ? text.padding(toLeft: widths[column]) : text.padding(to: widths[column])
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
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

    private static func isRecord(_ value: Value) -> Bool {
        if case .record = value { return true }
        return false
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
