// Balances carried between periods: `carry LIST` brings them forward, and a statement whose
// total is below the minimum or below zero holds it for the next period.

/// The balances a plan's `carry` line brought from the last period, by statement key, in the
/// order they were given.
struct BroughtBalances {
    struct Balance {
        let key: Value
        let amount: DecimalNumber
        /// The record as given, the subject of a statement made for the balance alone.
        let record: Value
    }

    let balances: [Balance]
    private let positionOfKey: [ValueKey: Int]

    init(_ balances: [Balance], positionOfKey: [ValueKey: Int]) {
        self.balances = balances
        self.positionOfKey = positionOfKey
    }

    /// The balance brought for a statement's key, if any.
    func amount(for key: Value) -> DecimalNumber? {
        ValueKey.hashable(BroughtBalances.key(of: key)).flatMap { positionOfKey[$0] }.map { balances[$0].amount }
    }

    /// The key a statement's balance goes by: the statement's key, or for a key of one named
    /// field (`group by affiliate: it.affiliate`), that field's value, so balances written to
    /// a file and read back next period match it.
    static func key(of statementKey: Value) -> Value {
        guard case .record(let record) = statementKey, record.shape.fieldNames.count == 1 else { return statementKey }
        return record.values[0]
    }
}

/// How a plan over groups makes the subject of a statement that has only a balance: a group
/// with the balance's key as its one key field and no items, so `let` lines over `g.items`
/// read an empty list. Plans over other subjects use the balance record itself.
struct BalanceSubject {
    let shape: RecordShape
    let keyField: String

    func subject(key: Value) -> Value {
        .record(
            RecordValue(
                shape: shape,
                values: shape.fieldNames.map { name in
                    name == keyField ? key : name == "items" ? .list(ValueList([])) : .missing
                }))
    }
}

extension CompiledPlan {
    /// Labels of the lines that close a statement, in the order they come.
    static let closingLabels = [capLabel, broughtForwardLabel, belowMinimumLabel, belowZeroLabel]
    static let capLabel = "Cap"
    static let broughtForwardLabel = "Brought forward"
    static let belowMinimumLabel = "Below minimum"
    static let belowZeroLabel = "Below zero"

    /// Whether statements hold what they cannot pay (and so have a `carried` field).
    var holds: Bool { carry != nil || minimum != nil }

    /// For subjects that are groups with one key field, how to make a balance's own subject.
    static func balanceSubject(of element: StaticType) -> BalanceSubject? {
        guard case .record(let record) = element, let keyFields = record.shape.keyFields, keyFields.count == 1 else { return nil }
        return BalanceSubject(shape: record.shape, keyField: keyFields[0])
    }

    /// The balances `carry` reads: each with a key a table can show and an amount in the
    /// campaign's currency; two balances with one key are an error, not a sum made silently.
    func broughtBalances(_ machine: Machine) throws(RuntimeError) -> BroughtBalances? {
        guard let carry else { return nil }
        let list = try carry.list(machine)
        try machine.step(carry.range, list.count)
        var balances: [BroughtBalances.Balance] = [], positionOfKey: [ValueKey: Int] = [:]
        balances.reserveCapacity(list.count)
        for (position, value) in list.enumerated() {
            guard case .record(let record) = value, let key = record["key"], let amount = record["amount"] else {
                throw RuntimeError(
                    .missingField, at: carry.range,
                    "balance \(position + 1) brought by `carry` is \(value.briefDescription), not a record with `key` and `amount`",
                    fix: "give `carry` a list of records such as `{key: \"AFF-101\", amount: $12.50}`")
            }
            guard let hashKey = ValueKey.hashable(key) else {
                throw RuntimeError(
                    .notShowable, at: carry.range,
                    "balance \(position + 1) brought by `carry` has the key \(key.briefDescription), which cannot identify a statement",
                    fix: "key each balance by the statement's key, a text or number")
            }
            if let earlier = positionOfKey.updateValue(position, forKey: hashKey) {
                throw RuntimeError(
                    .duplicateKey, at: carry.range,
                    "balances \(earlier + 1) and \(position + 1) brought by `carry` have the same key, \(key.briefDescription)",
                    fix: "bring one balance per statement: add the two up in the file the balances come from")
            }
            let held = try money(amount, carry, "the amount of balance \(position + 1) brought by `carry`")
            balances.append(.init(key: key, amount: held, record: value))
        }
        return BroughtBalances(balances, positionOfKey: positionOfKey)
    }

    /// Statements for the balances no statement of this period took, in the order they were
    /// brought: a creator with nothing this month keeps what was held, and it is never lost.
    /// `keys` are those of the statements made for this period's subjects.
    func balanceStatements(_ balances: BroughtBalances, after keys: ValueList, _ machine: Machine) throws(RuntimeError) -> [Value] {
        var taken = Set<ValueKey>()
        for key in keys {
            if let hashKey = ValueKey.hashable(BroughtBalances.key(of: key)) { taken.insert(hashKey) }
        }
        var made: [Value] = []
        for balance in balances.balances where !balance.amount.isZero {
            guard let hashKey = ValueKey.hashable(balance.key), !taken.contains(hashKey) else { continue }
            // In a partitioned or streamed run, the balance belongs to the evaluation of its key.
            guard machine.balanceScope.includes(balance.key) else { continue }
            try machine.step(carry?.range ?? range, 1)
            let subject = balanceSubject?.subject(key: balance.key) ?? balance.record
            machine.setLocal(subjectSlot, subject)
            made.append(
                try statement(for: subject, at: keys.count + made.count, machine, balances: balances, key: statementKey(ofBalance: balance.key)))
        }
        return made
    }

    /// The key of the statement made for a balance alone: the balance's key, or for
    /// statements keyed by one named group key, the record of it.
    private func statementKey(ofBalance key: Value) -> Value {
        guard case .group(let shape) = self.key, shape.fieldNames.count == 1 else { return key }
        return .record(RecordValue(shape: shape, values: [key]))
    }

    /// The statement's tail after its own lines and the cap: the balance brought forward, then
    /// what is held: a total below the minimum, or in a plan that carries balances a total
    /// below zero (more clawed back than earned), pays nothing, and the statement's `carried`
    /// holds it for the next period. Without `carry` a negative total stays what it was
    /// before balances could be carried: a clawback the statement reports.
    func close(_ builder: inout StatementBuilder, key: Value, _ balances: BroughtBalances?, _ machine: Machine) throws(RuntimeError) {
        let currency = settings.currency
        if let brought = balances?.amount(for: key), !brought.isZero {
            try builder.add(
                CompiledPlan.broughtForwardLabel, brought, shape: .statementLine,
                [
                    "the balance carried from the last period for \(key.briefDescription)"
                ])
        }
        let floor = try minimum.map { (node) throws(RuntimeError) in try payoutLimit(node, "minimum", machine) }
        let total = builder.total
        if carry != nil, total.compare(.zero) < 0 {
            try builder.add(
                CompiledPlan.belowZeroLabel, total.negated(), shape: .statementLine,
                [
                    "the lines sum to \(Value.money(total, currency)), below zero (more deducted than earned); nothing is paid and the negative balance is carried over"
                ])
        } else if let floor, total.compare(.zero) > 0, total.compare(floor) < 0 {
            try builder.add(
                CompiledPlan.belowMinimumLabel, total.negated(), shape: .statementLine,
                [
                    "the lines sum to \(Value.money(total, currency)), below the minimum payout \(Value.money(floor, currency)); the amount is carried over, not paid"
                ])
        }
    }
}

extension StatementLines {
    /// What a statement with these lines holds for the next period: the opposite of its
    /// closing "Below minimum" or "Below zero" line, else zero.
    var heldAmount: DecimalNumber {
        guard count > 0, shape(at: count - 1) === RecordShape.statementLine else { return .zero }
        let label = label(at: count - 1)
        guard label == CompiledPlan.belowMinimumLabel || label == CompiledPlan.belowZeroLabel else { return .zero }
        return amount(at: count - 1).negated()
    }
}
