// ItemizedStatements, the statements of a plan paid item by item, stored by column.

/// The statements a plan's itemized kernel made (see `ItemizedPlanKernel`): for each
/// statement its key, its total and where its lines start in columns shared by every
/// statement; the subjects are the plan's own list.
///
/// `payouts.total` then reads one column, and a hundred thousand statements of a million lines
/// keep no record, array or object per statement. A statement read as a value
/// (`statement(at:)`) is the very record the general evaluator builds.
final class ItemizedStatements: Sendable {
    let subjects: ValueList
    let keys: ValueList
    let totals: DecimalColumn
    /// Where each statement's lines start in `lines`, and after the last, where they end.
    let lineStarts: [Int32]
    let lines: LineColumns
    /// Statements the general evaluator made, where the kernel gave up, by position.
    let made: [Int: Value]
    /// For some of a plan's statements (`payouts where it.total > $0`): their positions.
    let selection: [Int32]?
    /// Whether the plan has a minimum, so each statement says what it carries.
    let holds: Bool
    /// The fields statements read as values leave out (see `leavingOut`).
    let omitted: OmittedFields

    /// Fields of a statement an expression never reads, so a statement made for it need not hold them.
    struct OmittedFields: OptionSet {
        let rawValue: Int
        /// The group or record the statement is for.
        static let subject = OmittedFields(rawValue: 1)
        /// The balance held back (`carried`): reading it sums the statement's lines again.
        static let carried = OmittedFields(rawValue: 2)
    }

    init(subjects: ValueList, columns: ItemizedStatementColumns, kinds: [LineColumns.Kind], currency: Currency, holds: Bool) {
        self.holds = holds
        self.subjects = subjects
        keys = ValueList(columns.keys)
        totals = columns.totals
        lineStarts = columns.lineStarts
        lines = LineColumns(
            kinds: kinds, kindOfLine: columns.kindOfLine, labels: columns.labels, rows: columns.rows, amounts: columns.amounts,
            explanations: [], currency: currency)
        made = columns.made
        selection = nil
        omitted = []
    }

    private init(_ all: ItemizedStatements, selection: [Int32]?, omitted: OmittedFields) {
        (subjects, keys, totals, lineStarts, lines, made) = (all.subjects, all.keys, all.totals, all.lineStarts, all.lines, all.made)
        holds = all.holds
        self.selection = selection
        self.omitted = omitted
    }

    var count: Int { selection?.count ?? totals.count }
    var currency: Currency { lines.currency }

    /// The statements at `positions` (of this list), sharing the columns.
    func selecting(_ positions: [Int32]) -> ItemizedStatements {
        ItemizedStatements(
            self, selection: selection.map { selected in positions.map { selected[Int($0)] } } ?? positions, omitted: omitted)
    }

    /// The same statements for an expression that never reads `fields` of them (see
    /// `BoundExpression.readsLocal(_:onlyWithout:)`): read as values, they hold a missing
    /// subject instead of their group, whose record and list of rows would be most of the
    /// cost of `payouts select sum(it.lines select it.amount)`, and no `carried`.
    func leavingOut(_ fields: OmittedFields) -> ItemizedStatements {
        ItemizedStatements(self, selection: selection, omitted: fields)
    }

    /// The statement's position among the plan's.
    private func position(_ index: Int) -> Int { selection.map { Int($0[index]) } ?? index }

    func statement(at index: Int) -> Value {
        let index = position(index)
        if let statement = made[index] { return statement }
        let start = Int(lineStarts[index])
        let statementLines = StatementLines(lines, start: start, count: Int(lineStarts[index + 1]) - start)
        return StatementBuilder.statement(
            subject: omitted.contains(.subject) ? .missing : subjects[index], key: keys[index],
            lines: .list(ValueList(lines: statementLines)), total: totals[index],
            carried: holds && !omitted.contains(.carried) ? statementLines.heldAmount : nil, currency: currency,
            explanation: nil)
    }

    /// `total`, `subject` or `key` of each statement, read from its column.
    func projected(_ field: String) -> ValueList? {
        switch field {
        case "total": ValueList(selection.map(totals.gathering) ?? totals, .money(currency))
        // Statements of balances alone, after the subjects' own, have subjects of their own.
        case "subject" where totals.count == subjects.count: selection.map { ValueList($0.map { subjects[Int($0)] }) } ?? subjects
        case "key": selection.map { ValueList($0.map { keys[Int($0)] }) } ?? keys
        default: nil
        }
    }
}

/// The columns of `ItemizedStatements` as one thread fills them, statement by statement.
struct ItemizedStatementColumns {
    /// For each line: its kind, its amount, and (where the kernel needs them) its label and item row.
    var kindOfLine: [UInt32] = []
    var amounts = DecimalColumn()
    var labels: [String] = []
    var rows: [Int32] = []
    var lineStarts: [Int32] = [0]
    var totals = DecimalColumn()
    var keys: [Value] = []
    var made: [Int: Value] = [:]

    var count: Int { totals.count }

    /// Ends a statement whose lines were just appended.
    mutating func endStatement(key: Value, total: DecimalNumber) {
        keys.append(key)
        totals.append(total)
        lineStarts.append(Int32(kindOfLine.count))
    }

    /// A statement the general evaluator made: kept whole, with no lines in the columns.
    mutating func append(made statement: Value) {
        made[count] = statement
        guard case .record(let record) = statement else { return endStatement(key: .missing, total: .zero) }
        endStatement(key: record["key"] ?? .missing, total: record["total"]?.decimalValue ?? .zero)
    }

    /// The threads' parts, in order, as one. The joined columns are sized once and each part
    /// is released as soon as it is copied, so the peak is the whole plus one part.
    init(joining parts: consuming [ItemizedStatementColumns]) {
        if parts.count == 1 {
            self = parts[0]
            return
        }
        self.init()
        let lines = parts.reduce(0) { $0 + $1.kindOfLine.count }, statements = parts.reduce(0) { $0 + $1.count }
        kindOfLine.reserveCapacity(lines)
        amounts.reserveCapacity(lines)
        if parts.contains(where: { !$0.labels.isEmpty }) { labels.reserveCapacity(lines) }
        if parts.contains(where: { !$0.rows.isEmpty }) { rows.reserveCapacity(lines) }
        lineStarts.reserveCapacity(statements + 1)
        totals.reserveCapacity(statements)
        keys.reserveCapacity(statements)
        for index in parts.indices {
            let part = parts[index]
            for (position, statement) in part.made { made[count + position] = statement }
            let offset = Int32(kindOfLine.count)
            lineStarts += part.lineStarts.dropFirst().map { $0 + offset }
            kindOfLine += part.kindOfLine
            amounts.append(contentsOf: part.amounts)
            labels += part.labels
            rows += part.rows
            totals.append(contentsOf: part.totals)
            keys += part.keys
            parts[index] = ItemizedStatementColumns()
        }
    }

    init() {}
}
