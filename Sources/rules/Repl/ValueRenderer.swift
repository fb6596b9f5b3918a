// Shows a value at the prompt: scalars as literals, records and lists as tables, allocations with bars.

import CampaignRules

/// Renders an expression's value for a person at the prompt.
///
/// Money keeps its currency and digit grouping (`$1,234.50`), percents their `%`, text its
/// quotes (so `"5"` and `5` differ); a value on its own keeps every digit. Lists of records
/// become aligned tables, a plan's statements a statement table, an allocation a table with
/// shares and bars, a tier table its brackets; in tables (and a long record's field lines)
/// amounts read as `rules run` tables show them, money to its minor unit and percents with
/// two decimals. Very long tables are cut in the middle, saying how many rows were left out.
enum ValueRenderer {
    /// Lines longer than this are laid out over several lines.
    static let defaultWidth = 100
    /// A rendering longer than this many lines shows its head and tail only.
    static let maximumLines = 60

    static func render(_ value: Value, width: Int) -> String {
        abbreviated(layout(value, width: width))
    }

    private static func layout(_ value: Value, width: Int) -> String {
        if AllocationPrinter.isAllocation(value) { return AllocationPrinter.table(value) }
        if StatementPrinter.isStatementList(value) { return StatementPrinter.table(value) }
        if StatementPrinter.isStatementList(.list([value])) { return StatementPrinter.table(.list([value])) }
        switch value {
        case .list(let items) where !items.isEmpty && items.allSatisfy(isRecord):
            return TablePrinter.render(value)
        case .list(let items):
            let inline = value.description
            return inline.count <= width ? inline : items.map(\.description).joined(separator: "\n")
        case .record(let record):
            let inline = value.description
            guard inline.count > width else { return inline }
            let nameWidth = record.shape.fieldNames.map(\.count).max() ?? 0
            return zip(record.shape.fieldNames, record.values).map { name, field in
                name + String(repeating: " ", count: nameWidth - name.count) + "  " + TablePrinter.displayCell(field)
            }.joined(separator: "\n")
        case .tierTable(let table):
            return tierTable(table)
        default:
            return value.description
        }
    }

    /// `tiers NAME` and one line per bracket: its range, then its value.
    static func tierTable(_ table: TierTableValue) -> String {
        let ranges = table.brackets.map { bracket -> String in
            switch (bracket.low, bracket.high) {
            case (nil, let high?): "..< \(high.description)"
            case (let low?, nil): "\(low.description) ..."
            case (let low?, let high?): "\(low.description) ..< \(high.description)"
            case (nil, nil): "..."
            }
        }
        let rangeWidth = ranges.map(\.count).max() ?? 0
        let lines = zip(ranges, table.brackets).map { range, bracket in
            "  " + range + String(repeating: " ", count: rangeWidth - range.count) + "  " + bracket.value.description
        }
        return (["tiers \(table.name)"] + lines).joined(separator: "\n")
    }

    /// Keeps the first and last lines of a long rendering and says how many were left out.
    static func abbreviated(_ text: String, maximumLines: Int = maximumLines) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count > maximumLines else { return text }
        let head = maximumLines - 10, tail = 5
        let omitted = lines.count - head - tail
        return (lines.prefix(head) + ["… \(omitted) more lines (narrow it with `where` or `take`) …"] + lines.suffix(tail))
            .joined(separator: "\n")
    }

    private static func isRecord(_ value: Value) -> Bool {
        if case .record = value { return true }
        return false
    }
}
