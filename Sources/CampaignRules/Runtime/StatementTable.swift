// StatementTable, a plan's statements over the rows of a table, stored by column.

/// The statements a plan produced for the rows of a table: for each statement, each line's
/// amount and whether it was paid, then the cap's and the minimum's adjustments, then the total.
///
/// `commissions.total` over a million statements then reads one column. A statement read as
/// a value (`statement(at:)`) is the very record the general evaluator builds: its subject,
/// its paid lines in plan order, then "Cap" and "Below minimum" when they apply, and the total.
final class StatementTable: Sendable {
    let subjects: ValueList
    /// Each statement's key (see `CompiledPlan.KeySource`).
    let keys: ValueList
    let currency: Currency
    let labels: [String]
    /// Each statement's line amounts, cap and minimum in turn (`slots` of them), flat.
    let amounts: DecimalColumn
    let paid: [Bool]
    let totals: DecimalColumn
    /// Statements the general evaluator made, for rows the kernel gave up on.
    let overrides: [Int: Value]
    /// Whether the plan has a minimum, so each statement says what it carries.
    let holds: Bool

    init(subjects: ValueList, keys: ValueList, currency: Currency, labels: [String], holds: Bool, columns: StatementColumns) {
        self.holds = holds
        self.subjects = subjects
        self.keys = keys
        self.currency = currency
        self.labels = labels
        self.amounts = columns.amounts
        self.paid = columns.paid
        self.totals = columns.totals
        self.overrides = columns.overrides
    }

    var count: Int { totals.count }

    /// The label of each slot a statement has: the plan's lines, then the cap and the minimum.
    var slotLabels: [String] { labels + [CompiledPlan.capLabel, CompiledPlan.belowMinimumLabel] }

    /// Whether the statement at `index` has the line (or cap, or minimum) at `slot`.
    func isPaid(_ index: Int, slot: Int) -> Bool {
        paid[index * (labels.count + 2) + slot]
    }

    /// The amount of that line; meaningful only when `isPaid`.
    func amount(_ index: Int, slot: Int) -> DecimalNumber {
        amounts[index * (labels.count + 2) + slot]
    }

    func statement(at index: Int) -> Value {
        if let made = overrides[index] {
            // Made by the general evaluator without knowing its position: the key is the table's.
            guard case .record(let record) = made else { return made }
            var values = record.values
            values[1] = keys[index]
            if case .record(let carried)? = values.dropFirst(4).first {
                values[4] = .record(RecordValue(shape: .balance, values: [BroughtBalances.key(of: keys[index]), carried.values[1]]))
            }
            return .record(RecordValue(shape: record.shape, values: values, explanation: record.explanation))
        }
        let first = index * (labels.count + 2)
        var entries: [Value] = []
        for (offset, label) in slotLabels.enumerated() where paid[first + offset] {
            entries.append(.record(RecordValue(shape: .statementLine, values: [.text(label), .money(amounts[first + offset], currency)])))
        }
        return StatementBuilder.statement(
            subject: subjects[index], key: keys[index], lines: .list(entries), total: totals[index],
            carried: holds ? carried(index) : nil, currency: currency, explanation: nil)
    }

    /// What the statement at `index` holds for the next period: what its minimum kept back.
    func carried(_ index: Int) -> DecimalNumber {
        let minimum = labels.count + 1
        return isPaid(index, slot: minimum) ? amount(index, slot: minimum).negated() : .zero
    }
}

/// The columns of a `StatementTable` as they are filled, statement by statement.
struct StatementColumns {
    let lineCount: Int
    var amounts = DecimalColumn()
    var paid: [Bool] = []
    var totals = DecimalColumn()
    var overrides: [Int: Value] = [:]

    init(lineCount: Int) {
        self.lineCount = lineCount
    }

    mutating func reserveCapacity(_ statements: Int) {
        amounts.reserveCapacity(statements * (lineCount + 2))
        paid.reserveCapacity(statements * (lineCount + 2))
        totals.reserveCapacity(statements)
    }

    /// A slot for a line, the cap or the minimum that the statement does not have.
    @inline(__always)
    mutating func appendUnpaid() {
        amounts.appendPlaceholder()
        paid.append(false)
    }

    /// The threads' parts joined in order. The joined columns are sized once and each part is
    /// released as soon as it is copied, so the peak is the whole plus one part, not the parts
    /// plus a copy grown by doubling.
    init(joining parts: consuming [StatementColumns], lineCount: Int) {
        if parts.count == 1 {
            self = parts[0]
            return
        }
        self.init(lineCount: lineCount)
        reserveCapacity(parts.reduce(0) { $0 + $1.totals.count })
        for index in parts.indices {
            append(contentsOf: parts[index])
            parts[index] = StatementColumns(lineCount: lineCount)
        }
    }

    /// Appends the statements of a later part of the rows.
    mutating func append(contentsOf other: StatementColumns) {
        for (index, statement) in other.overrides { overrides[totals.count + index] = statement }
        amounts.append(contentsOf: other.amounts)
        paid += other.paid
        totals.append(contentsOf: other.totals)
    }

    /// A statement the general evaluator made: kept whole, with placeholders in the columns.
    mutating func append(made statement: Value, total: DecimalNumber) {
        overrides[totals.count] = statement
        for _ in 0..<(lineCount + 2) { appendUnpaid() }
        totals.append(total)
    }
}
