// Prints allocation results (`allocate ... across ...`) as a table of amounts, shares and bars.

/// Lays out the rows an `allocate` produces so the split can be read at a glance: each item's
/// amount, its share, and a bar scaled to the largest amount.
///
/// Shares are of the budget when it is known: if every item is at its `max`, the rest of the
/// budget shows as an `unallocated` row, so the shares add up to 100% of the budget rather
/// than of what was handed out. When the budget is not known, shares are of the rows' total.
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

    /// The budget an allocation divided, which its value keeps with the rows (a list derived
    /// from them, by `where` say, no longer has it).
    static func budget(of value: Value) -> Value? {
        guard case .list(let items) = value else { return nil }
        return items.allocationBudget
    }

    /// The rows as `item  amount  share  bar`, with an `unallocated` row for any of the budget
    /// left over and a totals row.
    public static func table(_ value: Value, budget: Value? = nil) -> String {
        TextOutput.lines { write(value, budget: budget, to: $0) }
    }

    /// Writes the table as lines of `output`.
    public static func write(_ value: Value, budget: Value? = nil, to output: TextOutput) {
        let split = self.split(value, budget: budget)
        let largest = split.rows.compactMap(\.amount.decimal).max { $0 < $1 }
        var cells = split.rows.map { row in
            [row.label, TableCell.text(row.amount), row.share, bar(row.amount, largest: largest)]
        }
        if let unallocated = split.unallocated { cells.append(["unallocated", TableCell.text(unallocated.amount), unallocated.share, ""]) }
        if let total = split.total { cells.append(["TOTAL", TableCell.text(total), share(total, of: total), ""]) }
        TableLayout.write(header: ["item", "amount", "share", ""], rightAligned: [false, true, true, false], count: cells.count, to: output) {
            index, row in
            for text in cells[index] { row.append(text) }
        }
    }

    /// An allocation's rows with their shares, what is left of the budget, and the total the
    /// shares are of: what the terminal table and the HTML report both show.
    struct Split {
        let rows: [(label: String, amount: Value, share: String)]
        let unallocated: (amount: Value, share: String)?
        let total: Value?
    }

    static func split(_ value: Value, budget: Value? = nil) -> Split {
        let rows = allocationRows(value)
        let allocated = try? Aggregates.sum(rows.map(\.amount))
        let budget = budget ?? self.budget(of: value)
        let unallocated = remainder(of: budget, after: allocated)
        let total = unallocated == nil ? allocated : budget
        return Split(
            rows: rows.map { (label($0.item), $0.amount, share($0.amount, of: total)) },
            unallocated: unallocated.map { ($0, share($0, of: total)) }, total: total)
    }

    /// What the budget leaves after the allocated total, when that is more than nothing.
    private static func remainder(of budget: Value?, after allocated: Value?) -> Value? {
        guard let budget, let allocated, let rest = try? budget.subtracting(allocated), rest.decimal?.signum() == 1 else { return nil }
        return rest
    }

    /// A bar of `barWidth` cells for the largest amount: whole blocks, then one partial block
    /// for the remaining eighths. Empty for zero, for negative amounts and when nothing is known.
    public static func bar(_ amount: Value, largest: DecimalNumber?) -> String {
        guard let decimal = amount.decimal, decimal.signum() > 0 else { return "" }
        let eighths = BarChart.length(decimal, largest: largest, units: barWidth * 8)
        var text = String(repeating: "█", count: eighths / 8)
        if eighths % 8 > 0 { text.append(partialBlocks[eighths % 8 - 1]) }
        return text
    }

    /// `amount / total` as a percentage with one decimal (`47.6%`); `—` when the total is zero.
    static func share(_ amount: Value, of total: Value?) -> String {
        guard let part = amount.decimal, let whole = total?.decimal, !whole.isZero,
            let ratio = try? part.divided(by: whole).quantized(exponent: -3, rounding: .halfEven)
        else { return "—" }
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
