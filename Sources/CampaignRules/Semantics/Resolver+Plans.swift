// Resolution of payout plans: their `let` lines, lines (itemized or not), key, cap, carry and minimum.

extension Resolver {
    func resolvePlan(_ plan: PlanDeclaration) -> (BoundPlan, StaticType) {
        let subjects = resolve(plan.subjects)
        expectList(subjects)
        // Before the subject is named: the balances are read once per plan, not per subject.
        let carry = plan.carry.map(resolve)
        let element = subjects.type.elementType
        recorder?.declared(plan.subject, element)
        let subjectSlot = frame.declare(plan.subject.name, type: element, range: plan.subject.range)
        let bindings = plan.bindings.map { binding in
            let value = resolve(binding.value)
            return (slot: declareLocal(binding.name, value.type), value: value)
        }
        let lines = plan.lines.map(resolvePlanLine)
        let key = statementKey(plan, element: element)
        let cap = plan.cap.map(resolve)
        let minimum = plan.minimum.map(resolve)
        for (limit, what) in [(cap, "cap"), (minimum, "minimum")] {
            guard let limit else { continue }
            expectMoney(limit, "a plan's \(what)", paidIn: settings.currency)
            if case .constant(.money(let amount, let currency)) = limit.kind,
                let problem = PayoutLimits.problem(amount, currency: currency, what: what)
            {
                report(problem, at: limit.range)
            }
        }
        if let carry { checkBalances(carry, keyType: balanceKeyType(key.type), plan: plan) }
        var fields: [RecordType.Field] = [
            .init(name: "subject", type: element, alwaysPresent: true),
            .init(name: "key", type: key.type, alwaysPresent: true),
            .init(name: "lines", type: .list(.record(RecordType.statementLine)), alwaysPresent: true),
            .init(name: "total", type: .money(settings.currency), alwaysPresent: true),
        ]
        let holds = carry != nil || minimum != nil
        if holds {
            let balance = RecordType(
                name: "Balance",
                fields: [
                    .init(name: "key", type: balanceKeyType(key.type), alwaysPresent: true),
                    .init(name: "amount", type: .money(settings.currency), alwaysPresent: true),
                ], isDeclared: true, shape: .balance)
            fields.append(.init(name: "carried", type: .record(balance), alwaysPresent: true))
        }
        let statementType = RecordType(name: "Statement", fields: fields, isDeclared: true, shape: holds ? .heldStatement : .statement)
        let bound = BoundPlan(
            name: plan.name.name, subjectSlot: subjectSlot, subjects: subjects, bindings: bindings, lines: lines,
            key: key.source, cap: cap, carry: carry, minimum: minimum, frameSize: frame.size, range: plan.range)
        return (bound, .list(.record(statementType)))
    }

    /// The type of the key a statement's balance goes by (see `BroughtBalances.key(of:)`).
    private func balanceKeyType(_ keyType: StaticType) -> StaticType {
        guard case .record(let record) = keyType, record.fields.count == 1 else { return keyType }
        return record.fields[0].type
    }

    /// `carry LIST`: a list of records with a `key` of the statements' key type and an
    /// `amount` in the campaign's currency. Statements keyed by a record (several group keys)
    /// cannot be matched to balances read back from a file, whose keys are single values.
    private func checkBalances(_ carry: BoundExpression, keyType: StaticType, plan: PlanDeclaration) {
        expectList(carry)
        let example = "`record Balance { key: Text, amount: Money }` and `input brought: list of Balance = []`"
        if case .record = keyType {
            report(
                .typeMismatch, carry.range,
                "`carry` matches balances to statements by key, but the statements of `\(plan.name.name)` are keyed by a record of several values",
                fix: "key each statement by one value: group by one key (`group by it.affiliate`), or add a line `key \(plan.subject.name).FIELD`")
        }
        switch carry.type.elementType {
        case .unknown: return
        case .record(let record):
            guard let key = record.field("key"), let amount = record.field("amount") else {
                let missing = ["key", "amount"].filter { record.field($0) == nil }.map { "`\($0)`" }.joined(separator: " and ")
                report(
                    .unknownField, carry.range, "the balances `carry` reads need the fields `key` and `amount`; these records have no \(missing)",
                    fix: "declare them as \(example)")
                return
            }
            let amountExpression = BoundExpression(.invalid, carry.range, amount.type)
            expectMoney(amountExpression, "a carried balance's `amount`", paidIn: settings.currency)
            let keyedByRecord = if case .record = keyType { true } else { false }
            if !keyedByRecord, key.type != .unknown, keyType != .unknown, key.type != keyType {
                report(
                    .typeMismatch, carry.range,
                    "balances are keyed by \(key.type.name), but the statements of `\(plan.name.name)` by \(keyType.name): no balance would ever match",
                    fix: "declare the balance's `key` as \(keyType.name)")
            }
        default:
            report(
                .typeMismatch, carry.range, "`carry` reads a list of balances (records with `key` and `amount`), found \(carry.type.name)",
                fix: "declare them as \(example)")
        }
    }

    /// A commission, bonus or deduct line; an itemized one binds its item in a scope of its own.
    private func resolvePlanLine(_ line: PlanDeclaration.Line) -> BoundPlan.Line {
        var items: (slot: Int, name: String, list: BoundExpression)?
        if let written = line.items {
            let list = resolve(written.list)
            expectList(list)
            if let earlier = frame.lookup(written.name.name) {
                report(
                    .duplicateDeclaration, written.name.range,
                    "`\(written.name.name)` is already bound on line \(source.location(of: earlier.range.start).line)",
                    fix: "name each item otherwise, as in `for item in ...`")
            }
            frame.pushScope()
            items = (declareLocal(written.name, list.type.elementType), written.name.name, list)
        }
        defer { if items != nil { frame.popScope() } }
        let label = resolve(line.label)
        let condition = line.condition.map(resolve)
        if let condition { expectBool(condition, "a plan line's `when`") }
        let amount = resolve(line.amount)
        expectMoney(amount, "the amount of \"\(line.writtenLabel)\"", paidIn: settings.currency)
        return BoundPlan.Line(
            kind: line.kind, label: label, writtenLabel: line.writtenLabel, items: items, condition: condition,
            amount: amount, range: line.range)
    }

    /// Where a statement's key comes from: the plan's `key` line, else the group's key, else
    /// the subject's `id`, `handle` or `name`; with none, its position, which `rules check`
    /// warns about since `rules diff` then pairs statements by position.
    private func statementKey(_ plan: PlanDeclaration, element: StaticType) -> (source: BoundPlan.KeySource, type: StaticType) {
        if let written = plan.key {
            let key = resolve(written)
            if !TypeRules.isShowable(key.type), key.type != .unknown, !isRecordOfShowables(key.type) {
                report(
                    .notShowable, key.range, "a statement's key must be a value a table can show, found \(key.type.name)",
                    fix: "use the subject's id, as in `key \(plan.subject.name).id`")
            }
            return (.expression(key), key.type)
        }
        guard case .record(let record) = element else {
            if element != .unknown {
                report(
                    .positionalKey, plan.subject.range,
                    "the statements of `\(plan.name.name)` have no key, so `rules diff` pairs them by position",
                    fix: "add a line `key \(plan.subject.name)` if each subject identifies its statement")
            }
            return (.inferred, .unknown)
        }
        if let keyFields = record.shape.keyFields {
            if keyFields == ["key"] { return (.field("key"), record.field("key")?.type ?? .unknown) }
            let fields = keyFields.compactMap(record.field)
            return (
                .group(RecordShape(name: nil, fieldNames: keyFields)),
                .record(RecordType(name: nil, fields: fields, isDeclared: true))
            )
        }
        for name in BoundPlan.KeySource.identifyingFields {
            if let field = record.field(name), field.alwaysPresent { return (.field(name), field.type) }
        }
        report(
            .positionalKey, plan.subject.range,
            "the statements of `\(plan.name.name)` have no key (no `id`, `handle` or `name`), so `rules diff` pairs them by position",
            fix: "add a line `key \(plan.subject.name).FIELD` naming the field that identifies a statement")
        return (.position, .number)
    }

    private func isRecordOfShowables(_ type: StaticType) -> Bool {
        guard case .record(let record) = type else { return false }
        return record.fields.allSatisfy { TypeRules.isShowable($0.type) }
    }
}
