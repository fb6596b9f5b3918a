// Evaluates a payout plan into statements whose lines are rounded and add up exactly.

final class CompiledPlan {
    struct Line {
        let kind: PlanDeclaration.LineKind
        let label: String
        let condition: Node?
        let amount: Node
        let range: SourceRange
    }
    let name: String
    let subjectSlot: Int
    let subjects: Node
    let lines: [Line]
    let cap: Node?
    let minimum: Node?
    let frameSize: Int
    let settings: CampaignSettings
    let kernelSource: KernelSource?

    init(name: String, subjectSlot: Int, subjects: Node, lines: [Line], cap: Node?, minimum: Node?, frameSize: Int,
         settings: CampaignSettings, kernelSource: KernelSource?) {
        self.kernelSource = kernelSource
        self.name = name
        self.subjectSlot = subjectSlot
        self.subjects = subjects
        self.lines = lines
        self.cap = cap
        self.minimum = minimum
        self.frameSize = frameSize
        self.settings = settings
    }

    /// One statement per subject, in input order.
    func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        try machine.inFrame(size: frameSize) { () throws(RuntimeError) -> Value in
            let subjects = try self.subjects.list(machine)
            let stepRange = lines.first?.range ?? self.subjects.range
            let units = kernelSource?.perItem ?? 1
            if case .table(let table, let rows) = subjects.storage,
               let kernel = machine.kernel(kernelSource, for: self.subjects, over: table, rows: subjects.count),
               let plan = PlanKernel(kernel, plan: self, currency: settings.currency) {
                return .list(ValueList(try statements(of: table, rows, subjects, plan, stepRange, units, machine)))
            }
            if let statements = try machine.inParallel(subjects, stepAt: stepRange, units: units, { (worker, subject) throws(RuntimeError) in
                worker.setLocal(self.subjectSlot, subject)
                return try self.statement(for: subject, worker)
            }) {
                return .list(statements)
            }
            var statements: [Value] = []
            statements.reserveCapacity(subjects.count)
            for subject in subjects {
                try machine.step(stepRange, units)
                machine.setLocal(subjectSlot, subject)
                statements.append(try statement(for: subject, machine))
            }
            return .list(statements)
        }
    }

    /// The statements of a table's rows, by the plan's kernel where it can.
    private func statements(of table: RecordTable, _ rows: [Int32]?, _ subjects: ValueList, _ plan: PlanKernel,
                            _ stepRange: SourceRange, _ units: Int, _ machine: Machine) throws(RuntimeError) -> StatementTable {
        // A statement by column: each line's amount, the total and the subject's row.
        try machine.created(subjects.count * (lines.count + 2) * Machine.amountBytes, at: stepRange)
        let parts = try machine.inChunks(subjects.count, at: stepRange) { (machine, positions) throws(RuntimeError) -> StatementColumns in
            var columns = StatementColumns(lineCount: self.lines.count)
            columns.reserveCapacity(positions.count)
            let small = PlanRow(lineCount: self.lines.count, zero: SmallNumbers.zero)
            let decimal = PlanRow(lineCount: self.lines.count, zero: DecimalNumbers.zero)
            try machine.eachRow(of: table, rows, at: positions, kernel: plan.kernel, rowSlot: self.subjectSlot, stepAt: stepRange,
                                units: units) {
                (frame) throws(Deopt) in
                if frame.small({ () throws(Deopt) in try plan.statement(SmallNumbers.self, frame, into: small) }) != nil {
                    small.write(to: &columns) { $0.append($1) }
                } else {
                    try plan.statement(DecimalNumbers.self, frame, into: decimal)
                    decimal.write(to: &columns) { $0.append($1) }
                }
            } general: { (_) throws(RuntimeError) in
                let made = try self.statement(for: machine.local(self.subjectSlot), machine)
                columns.append(made: made, total: made["total"]?.decimalValue ?? .zero)
            }
            return columns
        }
        return StatementTable(subjects: subjects, currency: settings.currency, labels: lines.map(\.label),
                              columns: StatementColumns(joining: consume parts, lineCount: lines.count))
    }

    private func statement(for subject: Value, _ machine: Machine) throws(RuntimeError) -> Value {
        let currency = settings.currency
        // The statement, its list of lines and each line (the cap and the minimum may add two).
        try machine.created(Machine.recordBytes(fields: 3) + (lines.count + 2) * (Machine.valueBytes + Machine.recordBytes(fields: 2)),
                            at: subjects.range)
        let recorder: ExplanationRecorder? = machine.explaining ? ExplanationRecorder() : nil
        let outerRecorder = machine.recorder
        defer { machine.recorder = outerRecorder }
        var entries: [Value] = []
        entries.reserveCapacity(lines.count + 2)
        var total = DecimalNumber.zero
        var notes: [String] = []
        // The facts are text, built only when the statement is being explained.
        func add(_ label: String, _ amount: DecimalNumber, _ facts: @autoclosure () -> [String]) throws(RuntimeError) {
            let explanation = recorder == nil ? nil : Explanation(facts: facts())
            entries.append(.record(RecordValue(shape: .statementLine, values: [.text(label), .money(amount, currency)], explanation: explanation)))
            total = try located(subjects.range) { () throws(ValueError) in
                try DecimalNumber.checked { () throws(DecimalNumber.ArithmeticError) in try total.adding(amount, context: languageContext) }
            }
        }
        for line in lines {
            machine.recorder = recorder
            if let condition = line.condition, !(try condition.condition(machine)) {
                if let facts = recorder?.take() { notes.append("\"\(line.label)\" not paid: " + facts.joined(separator: "; ")) }
                continue
            }
            let written = try money(line.amount, machine, "the amount of \"\(line.label)\"")
            // A deduction's line amount is negative, and the line amount is what gets rounded,
            // so a directed mode (floor, ceiling) rounds the deduction as printed.
            let amount = line.kind == .deduct ? written.negated() : written
            let rounded = try located(line.range) { () throws(ValueError) in
                try DecimalNumber.checked { () throws(DecimalNumber.ArithmeticError) in
                    try amount.rounded(places: currency.minorDigits, rounding: settings.rounding)
                }
            }
            var facts = recorder?.take() ?? []
            if recorder != nil, rounded.compare(amount) != 0 {
                facts.append("\(Value.money(amount, currency).description) rounded \(settings.rounding.rawValue) to \(Value.money(rounded, currency).description)")
            }
            // A zero deduction is printed as 0, not -0.
            try add(line.label, rounded.isZero ? rounded.magnitude : rounded, facts)
        }
        machine.recorder = nil
        if let cap, case let limit = try payoutLimit(cap, "cap", machine), total.compare(limit) > 0 {
            let reduction = try located(cap.range) { () throws(ValueError) in
                try DecimalNumber.checked { () throws(DecimalNumber.ArithmeticError) in try limit.subtracting(total, context: languageContext) }
            }
            try add("Cap", reduction, ["the lines sum to \(Value.money(total, currency)), above the cap \(Value.money(limit, currency))"])
        }
        if let minimum, case let floor = try payoutLimit(minimum, "minimum", machine),
           total.compare(.zero) > 0, total.compare(floor) < 0 {
            try add("Below minimum", total.negated(), [
                "the lines sum to \(Value.money(total, currency)), below the minimum payout \(Value.money(floor, currency)); the amount is carried over, not paid",
            ])
        }
        let explanation = recorder == nil ? nil : Explanation(facts: notes)
        return .record(RecordValue(shape: .statement, values: [subject, .list(entries), .money(total, currency)], explanation: explanation))
    }

    /// The cap or the minimum, which must be an amount a statement can pay (see `PayoutLimits`).
    private func payoutLimit(_ node: Node, _ what: String, _ machine: Machine) throws(RuntimeError) -> DecimalNumber {
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

    private func money(_ value: Value, _ node: Node, _ what: String) throws(RuntimeError) -> DecimalNumber {
        switch value {
        case .money(let amount, let currency) where currency == settings.currency: return amount
        case .number(let amount) where amount.isZero: return amount
        case .money(_, let currency):
            throw RuntimeError(.mixedCurrencies, at: node.range, "\(what) is in \(currency.code), but the campaign pays in \(settings.currency.code)")
        default:
            throw RuntimeError(.typeMismatch, at: node.range, "\(what) must be money, found \(value.kindName) \(value)")
        }
    }
}
