// Reading a plan's statement columns and a table's decimal columns row after row, for printing.

/// A `DecimalColumn`'s values by index, as the row kernels read theirs.
///
/// Subscripting a `DecimalColumn` that is a property of another value, or an element of an
/// array, may copy its three arrays (a retain and a release each) at every read; a printer
/// reads several columns of a million rows, twice for a table. Held as a constant of a final
/// class, a read is an index.
final class DecimalReader {
    private let column: DecimalColumn

    init(_ column: DecimalColumn) {
        self.column = column
    }

    @inline(__always)
    subscript(index: Int) -> DecimalNumber {
        column[index]
    }
}

/// A `StatementTable` read statement by statement: each label's amount and the total.
final class StatementColumnReader {
    let table: StatementTable
    let made: MadeStatements
    private let amounts: DecimalReader
    private let totals: DecimalReader
    private let paid: [Bool]
    private let slotCount: Int
    /// For each label, its first slot, and the others when the plan repeats the label.
    private let slots: [Int]
    private let repeatedSlots: [Int: [Int]]

    init(_ table: StatementTable, labels: [String]) {
        self.table = table
        made = MadeStatements(table)
        amounts = DecimalReader(table.amounts)
        totals = DecimalReader(table.totals)
        paid = table.paid
        slotCount = table.slotLabels.count
        var slotsByLabel: [String: [Int]] = [:]
        for (slot, label) in table.slotLabels.enumerated() { slotsByLabel[label, default: []].append(slot) }
        slots = labels.map { slotsByLabel[$0]?.first ?? -1 }
        var repeated: [Int: [Int]] = [:]
        for (column, label) in labels.enumerated() where (slotsByLabel[label]?.count ?? 0) > 1 { repeated[column] = slotsByLabel[label] }
        repeatedSlots = repeated
    }

    /// Each label's amount on the statement at `index` into `amounts` (nil where it has no
    /// such line); returns the total. A repeated label shows its first paid slot.
    func read(_ index: Int, into amounts: inout [Value?]) -> Value {
        let first = index * slotCount
        for (column, slot) in slots.enumerated() {
            var found = slot >= 0 && paid[first + slot] ? slot : -1
            if found < 0, !repeatedSlots.isEmpty, let others = repeatedSlots[column] {
                found = others.first { paid[first + $0] } ?? -1
            }
            amounts.append(found >= 0 ? .money(self.amounts[first + found], table.currency) : nil)
        }
        return .money(totals[index], table.currency)
    }
}

/// The statements of a `StatementTable` that the general evaluator made, for rows its kernel
/// gave up on; looked up by a binary search over their positions rather than by hashing
/// every row's position.
struct MadeStatements {
    private let table: StatementTable
    private let positions: [Int]

    init(_ table: StatementTable) {
        self.table = table
        positions = table.overrides.keys.sorted()
    }

    subscript(index: Int) -> Value? {
        guard !positions.isEmpty else { return nil }
        var low = 0, high = positions.count
        while low < high {
            let middle = (low + high) / 2
            if positions[middle] < index { low = middle + 1 } else { high = middle }
        }
        return low < positions.count && positions[low] == index ? table.overrides[index] : nil
    }
}
