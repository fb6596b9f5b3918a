// Evaluates a payout plan into statements whose lines are rounded and add up exactly.

final class CompiledPlan {
    struct Line {
        let kind: PlanDeclaration.LineKind
        let label: Node
        /// The label when it shows no values, else as written; names the line's column.
        let title: String
        /// Each line this plan line gives has this shape, so tables can find its column.
        let shape: RecordShape
        /// The item's slot and name and the list, for an itemized line.
        let items: (slot: Int, name: String, list: Node)?
        let condition: Node?
        let amount: Node
        /// The steps each item of an itemized line counts.
        let perItem: Int
        let range: SourceRange

        init(
            kind: PlanDeclaration.LineKind, label: Node, writtenLabel: String, items: (slot: Int, name: String, list: Node)?, condition: Node?,
            amount: Node, perItem: Int, range: SourceRange
        ) {
            self.kind = kind
            self.label = label
            if let constant = label as? ConstantNode, case .text(let text) = constant.value {
                title = text
            } else {
                title = Line.title(ofWritten: writtenLabel)
            }
            self.shape = items == nil ? .planLine(titled: title) : .itemLine(titled: title)
            self.items = items
            self.condition = condition
            self.amount = amount
            self.perItem = perItem
            self.range = range
        }

        /// The label as written with each interpolation shown as `…` (`Order …` for
        /// `"Order \(o.id)"`): a column heading a reader understands, the same for every item.
        static func title(ofWritten written: String) -> String {
            var title = "", depth = 0
            var characters = written.makeIterator()
            var previous: Character?
            while let character = characters.next() {
                if depth > 0 {
                    if character == "(" { depth += 1 } else if character == ")" { depth -= 1 }
                } else if previous == "\\", character == "(" {
                    title.removeLast()
                    title += "…"
                    depth = 1
                } else {
                    title.append(character)
                }
                previous = depth > 0 ? nil : character
            }
            return title
        }
    }
    /// What a statement's key is (see `BoundPlan.KeySource`).
    enum KeySource {
        case expression(Node)
        case field(String)
        case group(RecordShape)
        case position
        case inferred
    }
    let name: String
    let subjectSlot: Int
    let subjects: Node
    let bindings: [(slot: Int, value: Node)]
    let lines: [Line]
    let key: KeySource
    let cap: Node?
    /// `carry LIST`: the balances brought forward (see `PlanEvaluation+Balances`).
    let carry: Node?
    let minimum: Node?
    /// How a statement for a balance alone gets its subject, for plans over groups.
    let balanceSubject: BalanceSubject?
    let frameSize: Int
    let settings: CampaignSettings
    let kernelSource: KernelSource?
    /// For a plan paid item by item over groups, what its kernel compiles from.
    let itemizedSource: ItemizedPlanSource?
    let range: SourceRange

    init(
        name: String, subjectSlot: Int, subjects: Node, bindings: [(slot: Int, value: Node)], lines: [Line], key: KeySource,
        cap: Node?, carry: Node?, minimum: Node?, balanceSubject: BalanceSubject?, frameSize: Int, settings: CampaignSettings,
        kernelSource: KernelSource?,
        itemizedSource: ItemizedPlanSource?, range: SourceRange
    ) {
        self.kernelSource = kernelSource
        self.itemizedSource = itemizedSource
        self.name = name
        self.subjectSlot = subjectSlot
        self.subjects = subjects
        self.bindings = bindings
        self.lines = lines
        self.key = key
        self.cap = cap
        self.carry = carry
        self.minimum = minimum
        self.balanceSubject = balanceSubject
        self.frameSize = frameSize
        self.settings = settings
        self.range = range
    }

    /// One statement per subject, in input order; two statements with one key are an error.
    func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        try machine.inFrame(size: frameSize) { () throws(RuntimeError) -> Value in
            let subjects = try self.subjects.list(machine)
            let stepRange = lines.first?.range ?? self.subjects.range
            let units = kernelSource?.perItem ?? 1
            if case .table(let table, let rows) = subjects.storage,
                let kernel = machine.kernel(kernelSource, for: self.subjects, over: table, rows: subjects.count),
                let plan = PlanKernel(kernel, plan: self, currency: settings.currency)
            {
                let made = try statements(of: table, rows, subjects, plan, stepRange, units, machine)
                try checkKeys(ValueList(made), machine)
                return .list(ValueList(made))
            }
            let balances = try broughtBalances(machine)
            if let kernel = itemizedKernel(for: subjects, machine) {
                let statements = ValueList(try itemizedStatements(subjects, kernel, stepRange, units, balances, machine))
                try checkKeys(statements, machine)
                return .list(statements)
            }
            let parts = try machine.inChunks(subjects.count, at: stepRange, weights: CompiledPlan.weights(of: subjects)) {
                (worker, positions) throws(RuntimeError) -> [Value] in
                var made: [Value] = []
                made.reserveCapacity(positions.count)
                for position in positions {
                    try worker.step(stepRange, units)
                    let subject = subjects[position]
                    worker.setLocal(self.subjectSlot, subject)
                    made.append(try self.statement(for: subject, at: position, worker, balances: balances))
                }
                return made
            }
            var statements = ValueList(parts.count == 1 ? parts[0] : parts.flatMap { $0 })
            if let balances {
                let alone = try balanceStatements(balances, after: CompiledPlan.keys(of: statements), machine)
                if !alone.isEmpty { statements = ValueList(Array(statements) + alone) }
            }
            try checkKeys(statements, machine)
            return .list(statements)
        }
    }

    /// About how much work a subject's statement is: a group's number of items (its itemized
    /// lines run over them), else one.
    static func weights(of subjects: ValueList) -> (Int) -> Int {
        if case .groups(let groups) = subjects.storage { return { groups.itemCount($0) + 1 } }
        return { CompiledPlan.weight(of: subjects[$0]) }
    }

    static func weight(of subject: Value) -> Int {
        guard case .record(let record) = subject, record.shape.keyFields != nil, case .list(let items)? = record["items"] else { return 1 }
        return items.count + 1
    }

    /// A statement's key (see `BoundPlan.KeySource`); `position` counts from 0.
    func key(of subject: Value, at position: Int, _ machine: Machine) throws(RuntimeError) -> Value {
        switch key {
        case .expression(let node):
            let value = try node.evaluate(machine)
            if case .missing = value { _ = try InterpolationNode.shown(value, at: node.range) }
            return value
        case .field(let name):
            if case .record(let record) = subject, let value = record[name] { return value }
            return .number(DecimalNumber(position + 1))
        case .group(let shape):
            guard case .record(let record) = subject else { return .number(DecimalNumber(position + 1)) }
            return .record(RecordValue(shape: shape, values: shape.fieldNames.map { record[$0] ?? .missing }))
        case .position:
            return .number(DecimalNumber(position + 1))
        case .inferred:
            return CompiledPlan.inferredKey(of: subject, at: position)
        }
    }

    /// The key of a subject whose type the checker did not know: a group's key, else its
    /// `id`, `handle` or `name`, else its position.
    static func inferredKey(of subject: Value, at position: Int) -> Value {
        guard case .record(let record) = subject else { return .number(DecimalNumber(position + 1)) }
        if let keyFields = record.shape.keyFields {
            if keyFields == ["key"], let key = record["key"] { return key }
            let shape = RecordShape(name: nil, fieldNames: keyFields)
            return .record(RecordValue(shape: shape, values: keyFields.map { record[$0] ?? .missing }))
        }
        for name in BoundPlan.KeySource.identifyingFields {
            if let value = record[name] { return value }
        }
        return .number(DecimalNumber(position + 1))
    }

    /// Two statements with one key would be paid twice, or paired wrongly by `rules diff`.
    private func checkKeys(_ statements: ValueList, _ machine: Machine) throws(RuntimeError) {
        // Positions are distinct: nothing to check, and a million of them need no hashing.
        if case .position = key { return }
        // So are the keys of the groups `group by` made, one group per key.
        if case .itemized(let made) = statements.storage, case .groups = made.subjects.storage, keysAreGroupKeys { return }
        try machine.step(range, statements.count)
        var seen: [ValueKey: Int] = [:]
        seen.reserveCapacity(statements.count)
        let keys = CompiledPlan.keys(of: statements)
        for (position, key) in keys.enumerated() {
            guard let hashKey = ValueKey.hashable(key) else { continue }
            if let earlier = seen.updateValue(position, forKey: hashKey) {
                throw RuntimeError(
                    .duplicateKey, at: keyRange,
                    "statements \(earlier + 1) and \(position + 1) of `\(name)` have the same key, \(key.briefDescription)",
                    fix: "each statement needs a key of its own: group by it, or add a `key` line naming what identifies a statement")
            }
        }
    }

    /// The key of each statement, from the statements' column where they are stored by column.
    static func keys(of statements: ValueList) -> ValueList {
        statements.projected("key")
            ?? ValueList(
                statements.map { statement -> Value in
                    if case .record(let record) = statement { return record["key"] ?? .missing }
                    return .missing
                })
    }

    /// Whether each statement's key is its group's key (the subjects being groups).
    private var keysAreGroupKeys: Bool {
        switch key {
        case .field("key"), .group: true
        default: false
        }
    }

    /// The keys of the statements of a table's rows, read from the subjects.
    private func keys(of subjects: ValueList, _ machine: Machine) throws(RuntimeError) -> ValueList {
        if case .position = key { return ValueList(positionsUpTo: subjects.count) }
        try machine.created(subjects.count * Machine.valueBytes, at: range)
        if case .field(let name) = key, let column = subjects.projected(name) { return column }
        var keys: [Value] = []
        keys.reserveCapacity(subjects.count)
        for (position, subject) in subjects.enumerated() {
            machine.setLocal(subjectSlot, subject)
            keys.append(try key(of: subject, at: position, machine))
        }
        return ValueList(keys)
    }

    /// Where a key error points: the `key` line, or the plan.
    private var keyRange: SourceRange {
        if case .expression(let node) = key { return node.range }
        return subjects.range
    }

    /// The statements of a table's rows, by the plan's kernel where it can.
    private func statements(
        of table: RecordTable, _ rows: [Int32]?, _ subjects: ValueList, _ plan: PlanKernel,
        _ stepRange: SourceRange, _ units: Int, _ machine: Machine
    ) throws(RuntimeError) -> StatementTable {
        // A statement by column: each line's amount, the total and the subject's row.
        try machine.created(subjects.count * (lines.count + 2) * Machine.amountBytes, at: stepRange)
        let parts = try machine.inChunks(subjects.count, at: stepRange) { (machine, positions) throws(RuntimeError) -> StatementColumns in
            var columns = StatementColumns(lineCount: self.lines.count)
            columns.reserveCapacity(positions.count)
            let small = PlanRow(lineCount: self.lines.count, zero: SmallNumbers.zero)
            let decimal = PlanRow(lineCount: self.lines.count, zero: DecimalNumbers.zero)
            try machine.eachRow(
                of: table, rows, at: positions, kernel: plan.kernel, rowSlot: self.subjectSlot, stepAt: stepRange,
                units: units
            ) {
                (frame) throws(Deopt) in
                if frame.small({ () throws(Deopt) in try plan.statement(SmallNumbers.self, frame, into: small) }) != nil {
                    small.write(to: &columns) { $0.append($1) }
                } else {
                    try plan.statement(DecimalNumbers.self, frame, into: decimal)
                    decimal.write(to: &columns) { $0.append($1) }
                }
            } general: { (_) throws(RuntimeError) in
                let made = try self.statement(for: machine.local(self.subjectSlot), at: 0, machine)
                columns.append(made: made, total: made["total"]?.decimalValue ?? .zero)
            }
            return columns
        }
        return StatementTable(
            subjects: subjects, keys: try keys(of: subjects, machine), currency: settings.currency,
            labels: lines.map(\.title), holds: holds, columns: StatementColumns(joining: consume parts, lineCount: lines.count))
    }

    /// A statement; an error while making it says which statement (and, on an itemized line,
    /// which item): among a hundred thousand affiliates, the line of the rule alone does not
    /// say where to look.
    /// With `key`, the statement is a balance's alone: it has that key and only the lines that
    /// close a statement (see `close`).
    func statement(
        for subject: Value, at position: Int, _ machine: Machine, balances: BroughtBalances? = nil,
        key: Value? = nil
    ) throws(RuntimeError) -> Value {
        do throws(RuntimeError) {
            return try makeStatement(for: subject, at: position, machine, balances: balances, balanceKey: key)
        } catch {
            guard error.diagnostic.kind != .limitExceeded, error.diagnostic.kind != .cancelled else { throw error }
            var noted = error
            let key = CompiledPlan.inferredKey(of: subject, at: position)
            noted.diagnostic.notes.append(.init(message: "while making the statement of `\(name)` for \(key.briefDescription)", range: nil))
            throw noted
        }
    }

    private func makeStatement(
        for subject: Value, at position: Int, _ machine: Machine, balances: BroughtBalances?,
        balanceKey: Value?
    ) throws(RuntimeError) -> Value {
        // A balance's own subject is a group only when the plan's subjects are groups.
        if balanceKey == nil || balanceSubject != nil {
            for binding in bindings { machine.setLocal(binding.slot, try binding.value.evaluate(machine)) }
        }
        let key: Value
        if let balanceKey { key = balanceKey } else { key = try self.key(of: subject, at: position, machine) }
        var builder = StatementBuilder(
            currency: settings.currency, range: subjects.range,
            recorder: machine.explaining ? ExplanationRecorder() : nil)
        // The statement, its list of lines and each line (the cap and the minimum may add two).
        try machine.created(
            Machine.recordBytes(fields: 4) + (lines.count + 2) * (Machine.valueBytes + Machine.recordBytes(fields: 2)),
            at: subjects.range)
        let outerRecorder = machine.recorder
        defer { machine.recorder = outerRecorder }
        for line in lines where balanceKey == nil {
            guard let items = line.items else {
                try pay(line, machine, into: &builder)
                continue
            }
            let list = try items.list.list(machine)
            try machine.created(list.count * (Machine.valueBytes + Machine.recordBytes(fields: 2)), at: line.range)
            var paid = 0
            for item in list {
                try machine.step(line.range, line.perItem)
                machine.setLocal(items.slot, item)
                do throws(RuntimeError) {
                    if try pay(line, machine, into: &builder) { paid += 1 }
                } catch {
                    var noted = error
                    noted.diagnostic.notes.append(.init(message: "for \(items.name) = \(item.itemDescription)", range: nil))
                    throw noted
                }
            }
            if builder.recorder != nil, paid < list.count {
                // One note for the line, not one per item its condition left out.
                let condition = line.condition.map { " (`when \(machine.program.source.text(in: $0.range))` is false for the others)" } ?? ""
                builder.notes.append(
                    "\"\(line.title)\" paid for \(paid) of the \(list.count) items of `\(machine.program.source.text(in: items.list.range))`\(condition)"
                )
            }
        }
        machine.recorder = nil
        let currency = settings.currency
        if let cap, case let limit = try payoutLimit(cap, "cap", machine), case let total = builder.total, total.compare(limit) > 0 {
            let reduction = try located(cap.range) { () throws(ValueError) in
                try DecimalNumber.checked { () throws(DecimalNumber.ArithmeticError) in try limit.subtracting(total, context: languageContext) }
            }
            try builder.add(
                CompiledPlan.capLabel, reduction, shape: .statementLine,
                [
                    "the lines sum to \(Value.money(total, currency)), above the cap \(Value.money(limit, currency))"
                ])
        }
        try close(&builder, key: key, balances, machine)
        return builder.statement(subject: subject, key: key, holds: holds)
    }

    /// One line (or one item's line) of a statement: its condition, its amount rounded to the
    /// currency's minor unit, its label. False when the condition left it out.
    @discardableResult
    private func pay(_ line: Line, _ machine: Machine, into builder: inout StatementBuilder) throws(RuntimeError) -> Bool {
        machine.recorder = builder.recorder
        if let condition = line.condition, !(try condition.condition(machine)) {
            let facts = builder.recorder?.take() ?? []
            if builder.recorder != nil, line.items == nil {
                let why = facts.isEmpty ? "`\(machine.program.source.text(in: condition.range))` is false" : facts.joined(separator: "; ")
                builder.notes.append("\"\(line.title)\" not paid: " + why)
            }
            return false
        }
        let written = try money(line.amount, machine, "the amount of \"\(line.title)\"")
        // A deduction's line amount is negative, and the line amount is what gets rounded,
        // so a directed mode (floor, ceiling) rounds the deduction as printed.
        let amount = line.kind == .deduct ? written.negated() : written
        let rounded = try located(line.range) { () throws(ValueError) in
            try DecimalNumber.checked { () throws(DecimalNumber.ArithmeticError) in
                try amount.rounded(places: settings.currency.minorDigits, rounding: settings.rounding)
            }
        }
        var facts = builder.recorder?.take() ?? []
        if builder.recorder != nil, let items = line.items {
            facts.insert("for \(items.name) = \(machine.local(items.slot).itemDescription)", at: 0)
        }
        if builder.recorder != nil, rounded.compare(amount) != 0 {
            facts.append(
                "\(Value.money(amount, settings.currency).description) rounded \(settings.rounding.rawValue) to \(Value.money(rounded, settings.currency).description)"
            )
        }
        machine.recorder = nil
        let label = try line.label.evaluate(machine)
        guard case .text(let text) = label else {
            throw RuntimeError(.typeMismatch, at: line.label.range, "a line's label must be text, found \(label.kindName)")
        }
        let item = line.items.map { ItemKey.of(machine.local($0.slot)) ?? .missing }
        // A zero deduction is printed as 0, not -0.
        try builder.add(text, rounded.isZero ? rounded.magnitude : rounded, shape: line.shape, facts, item: item)
        return true
    }

    /// The cap or the minimum, which must be an amount a statement can pay (see `PayoutLimits`).
    func payoutLimit(_ node: Node, _ what: String, _ machine: Machine) throws(RuntimeError) -> DecimalNumber {
        let amount = try money(node, machine, "the \(what)")
        if let problem = PayoutLimits.problem(amount, currency: settings.currency, what: what) { throw RuntimeError(problem, at: node.range) }
        return amount
    }

    /// The amount `node` computes; `what` names it in an error, and is only built for one.
    private func money(_ node: Node, _ machine: Machine, _ what: @autoclosure () -> String) throws(RuntimeError) -> DecimalNumber {
        let value: Value
        if machine.recorder != nil {
            value = try node.evaluate(machine)
        } else if let amount = try node.quantity(machine) {
            if amount.unit == .money(settings.currency) { return amount.amount }
            value = amount.value
        } else {
            value = machine.takeSpilled()
        }
        return try money(value, node, what())
    }

    func money(_ value: Value, _ node: Node, _ what: String) throws(RuntimeError) -> DecimalNumber {
        switch value {
        case .money(let amount, let currency) where currency == settings.currency: return amount
        case .number(let amount) where amount.isZero: return amount
        case .money(_, let currency):
            throw RuntimeError(
                .mixedCurrencies, at: node.range, "\(what) is \(value), in \(currency.code), but the campaign pays in \(settings.currency.code)",
                fix: "convert it to \(settings.currency.code) first: `convert(amount, rates)`")
        default:
            throw RuntimeError(.typeMismatch, at: node.range, "\(what) must be money, found \(value.kindName) \(value)")
        }
    }
}

/// A statement as its lines are added: the lines, the running total and, when explaining, the
/// facts behind each line.
struct StatementBuilder {
    let currency: Currency
    let range: SourceRange
    let recorder: ExplanationRecorder?
    var labels: [String] = []
    var amounts = DecimalColumn()
    var shapes: [RecordShape] = []
    var explanations: [Explanation?] = []
    /// Each line's item key, once an itemized line was added (see `ItemKey`).
    var itemKeys: [Value] = []
    var total = DecimalNumber.zero
    var notes: [String] = []

    init(currency: Currency, range: SourceRange, recorder: ExplanationRecorder?) {
        self.currency = currency
        self.range = range
        self.recorder = recorder
    }

    /// Adds a line; the facts are text, built only when the statement is being explained.
    mutating func add(
        _ label: String, _ amount: DecimalNumber, shape: RecordShape, _ facts: @autoclosure () -> [String],
        item: Value? = nil
    ) throws(RuntimeError) {
        if item != nil || !itemKeys.isEmpty {
            while itemKeys.count < labels.count { itemKeys.append(.missing) }
            itemKeys.append(item ?? .missing)
        }
        labels.append(label)
        amounts.append(amount)
        shapes.append(shape)
        if recorder != nil { explanations.append(Explanation(facts: facts())) }
        let sum = total
        total = try located(range) { () throws(ValueError) in
            try DecimalNumber.checked { () throws(DecimalNumber.ArithmeticError) in try sum.adding(amount, context: languageContext) }
        }
    }

    func statement(subject: Value, key: Value, holds: Bool) -> Value {
        let explanation = recorder == nil ? nil : Explanation(facts: notes)
        let lines = StatementLines(
            labels: labels, amounts: amounts, shapes: shapes, explanations: explanations, itemKeys: itemKeys,
            currency: currency)
        return StatementBuilder.statement(
            subject: subject, key: key, lines: .list(ValueList(lines: lines)), total: total,
            carried: holds ? lines.heldAmount : nil, currency: currency, explanation: explanation)
    }

    /// A statement record: its subject, key, lines and total, and for a plan that holds
    /// balances, the balance it carries to the next period.
    static func statement(
        subject: Value, key: Value, lines: Value, total: DecimalNumber, carried: DecimalNumber?, currency: Currency,
        explanation: Explanation?
    ) -> Value {
        var values = [subject, key, lines, .money(total, currency)]
        guard let carried else { return .record(RecordValue(shape: .statement, values: values, explanation: explanation)) }
        values.append(.record(RecordValue(shape: .balance, values: [BroughtBalances.key(of: key), .money(carried, currency)])))
        return .record(RecordValue(shape: .heldStatement, values: values, explanation: explanation))
    }
}
