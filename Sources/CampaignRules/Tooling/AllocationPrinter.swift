// Prints allocation results (`allocate ... across ...`) as a table of amounts, shares and bars.

/// Lays out the rows an `allocate` produces so the split can be read at a glance: each item's
/// amount, its share of what was allocated, and a bar scaled to the largest amount.
///
/// Shares are of the rows' total, not of the budget: when every item is at its `max`, the rest
/// of the budget stays unallocated and the shares still add up to 100%.
public enum AllocationPrinter {
    /// How many terminal cells the largest amount's bar fills.
    public static let barWidth = 24

    /// Block characters for eighths of a cell, from one eighth (`▏`) to seven (`▉`).
    static let partialBlocks: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// True when the value is the result of an `allocate`: a non-empty list of allocation rows.
    public static func isAllocation(_ value: Value) -> Bool {
        guard case .list(let items) = value, !items.isEmpty else { return false }
        return items.allSatisfy { item in
            if case .record(let record) = item { return record.shape === RecordShape.allocationRow }
            return false
        }
    }

    /// The rows as `item  amount  share  bar`, with a totals row.
    public static func table(_ value: Value) -> String {
        let rows = allocationRows(value)
        let amounts = rows.map(\.amount)
        let total = try? Aggregates.sum(amounts)
        let largest = amounts.compactMap(\.decimal).max { $0 < $1 }
        var cells = rows.map { row in
            [label(row.item), row.amount.description, share(row.amount, of: total), bar(row.amount, largest: largest)]
        }
        if let total {
            cells.append(["TOTAL", total.description, share(total, of: total), ""])
        }
        return TablePrinter.grid(header: ["item", "amount", "share", ""], rows: cells, rightAligned: [false, true, true, false])
    }

    /// A bar of `barWidth` cells for the largest amount: whole blocks, then one partial block
    /// for the remaining eighths. Empty for zero, for negative amounts and when nothing is known.
    public static func bar(_ amount: Value, largest: DecimalNumber?) -> String {
        guard let amount = amount.decimal, let largest, largest.signum() > 0, amount.signum() > 0,
              let scaled = try? amount.multiplied(by: DecimalNumber(barWidth * 8)).divided(by: largest),
              let whole = try? scaled.quantized(exponent: 0, rounding: .halfEven),
              let eighths = Int(whole.plainDescription) else { return "" }
        let clamped = min(max(eighths, 1), barWidth * 8)
        var text = String(repeating: "█", count: clamped / 8)
        if clamped % 8 > 0 { text.append(partialBlocks[clamped % 8 - 1]) }
        return text
    }

    /// `amount / total` as a percentage with one decimal (`47.6%`); `—` when the total is zero.
    static func share(_ amount: Value, of total: Value?) -> String {
        guard let part = amount.decimal, let whole = total?.decimal, !whole.isZero,
              let ratio = try? part.divided(by: whole).quantized(exponent: -3, rounding: .halfEven) else { return "—" }
        return Value.percent(ratio).description
    }

    /// An item as one cell: by its id, handle or name as tables show records, else by its first
    /// text field, so `{h: "ava", w: 3}` reads as `ava`.
    static func label(_ item: Value) -> String {
        guard case .record(let record) = item else { return TablePrinter.cell(item) }
        if ["id", "handle", "name"].contains(where: { record[$0] != nil }) { return TablePrinter.cell(item) }
        for field in record.values { if case .text(let text) = field { return text } }
        return item.description
    }

    private static func allocationRows(_ value: Value) -> [(item: Value, amount: Value)] {
        guard case .list(let items) = value else { return [] }
        return items.compactMap { item in
            guard case .record(let row) = item, let subject = row["item"], let amount = row["amount"] else { return nil }
            return (subject, amount)
        }
    }
}
