// Nodes for operators: arithmetic, comparison, membership, logic and defaults.

final class NegateNode: Node {
    let operand: Node
    init(operand: Node, range: SourceRange) {
        self.operand = operand
        super.init(range: range)
    }
    override func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        let value = try operand.evaluate(machine)
        return try located(range) { () throws(ValueError) in try value.negated() }
    }
}

final class NotNode: Node {
    let operand: Node
    init(operand: Node, range: SourceRange) {
        self.operand = operand
        super.init(range: range)
    }
    override func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        .bool(try condition(machine))
    }
    override func condition(_ machine: Machine) throws(RuntimeError) -> Bool {
        !(try operand.condition(machine))
    }
}

final class ArithmeticNode: Node {
    let op: ArithmeticOperator
    let left: Node
    let right: Node
    init(op: ArithmeticOperator, left: Node, right: Node, range: SourceRange) {
        self.op = op
        self.left = left
        self.right = right
        super.init(range: range)
    }
    override func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        if let quantity = try quantity(machine) { return quantity.value }
        return machine.takeSpilled()
    }

    override func quantity(_ machine: Machine) throws(RuntimeError) -> Quantity? {
        guard let a = try left.quantity(machine) else { return try general(machine.takeSpilled(), try right.evaluate(machine), machine) }
        guard let b = try right.quantity(machine) else { return try general(a.value, machine.takeSpilled(), machine) }
        if let result = Quantity.exact(op, a, b) { return result }
        return try general(a.value, b.value, machine)
    }

    /// `a op b` under the language's full unit rules.
    private func general(_ a: Value, _ b: Value, _ machine: Machine) throws(RuntimeError) -> Quantity? {
        let result = try located(range) { () throws(ValueError) in try TypeRules.apply(op, a, b) }
        if let quantity = Quantity(result) { return quantity }
        try checkSize(of: result, machine)
        machine.spilled = result
        return nil
    }

    /// Joining lists or text is the one way a rule file can grow a value faster than its input
    /// (`let b = a + a`, repeated); the limits stop that before it exhausts memory, and the
    /// copy counts its items as steps and its bytes as memory.
    private func checkSize(of result: Value, _ machine: Machine) throws(RuntimeError) {
        switch result {
        case .list(let items):
            if items.count > machine.limits.maximumCollectionSize {
                throw RuntimeError(
                    .limitExceeded, at: range,
                    "this list would hold \(items.count) items, more than \(machine.limits.maximumCollectionSize) \(Limits.Name.maximumCollectionSize.note)"
                )
            }
            try machine.step(range, items.count)
            try machine.created(Machine.listBytes(items.count), at: range)
        case .text(let text):
            let length = text.unicodeScalars.count
            if length > machine.limits.maximumTextLength {
                throw RuntimeError(
                    .limitExceeded, at: range,
                    "this text would be longer than \(machine.limits.maximumTextLength) characters \(Limits.Name.maximumTextLength.note)")
            }
            try machine.step(range, length)
            try machine.created(32 + text.utf8.count, at: range)
        default:
            return
        }
    }
}

final class ComparisonNode: Node {
    let op: ComparisonOperator
    let left: Node
    let right: Node
    init(op: ComparisonOperator, left: Node, right: Node, range: SourceRange) {
        self.op = op
        self.left = left
        self.right = right
        super.init(range: range)
    }
    override func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        .bool(try condition(machine))
    }

    override func condition(_ machine: Machine) throws(RuntimeError) -> Bool {
        if machine.recorder != nil { return try recordedCondition(machine) }
        guard let a = try left.quantity(machine) else {
            return try ComparisonNode.holds(op, machine.takeSpilled(), try right.evaluate(machine), range)
        }
        guard let b = try right.quantity(machine) else { return try ComparisonNode.holds(op, a.value, machine.takeSpilled(), range) }
        if let order = Quantity.order(a, b) { return ComparisonNode.satisfies(op, order) }
        return try ComparisonNode.holds(op, a.value, b.value, range)
    }

    /// The comparison when a plan line is being explained: the operands' values are recorded too.
    private func recordedCondition(_ machine: Machine) throws(RuntimeError) -> Bool {
        let a = try left.evaluate(machine), b = try right.evaluate(machine)
        let result: Bool
        if let order = ComparisonNode.numericOrder(a, b) {
            result = ComparisonNode.satisfies(op, order)
        } else {
            result = try ComparisonNode.holds(op, a, b, range)
        }
        machine.recorder?.record("\(machine.describe(left, a)) \(op.symbol) \(machine.describe(right, b))" + (result ? "" : " is false"))
        return result
    }

    /// The order of two numbers, percents or same-currency amounts, which always compare;
    /// nil for every other pair, which goes through the full rules.
    @inline(__always)
    static func numericOrder(_ a: Value, _ b: Value) -> Int? {
        guard let x = Quantity(a), let y = Quantity(b) else { return nil }
        return Quantity.order(x, y)
    }

    @inline(__always)
    static func satisfies(_ op: ComparisonOperator, _ order: Int) -> Bool {
        switch op {
        case .equal: order == 0
        case .notEqual: order != 0
        case .less: order < 0
        case .lessEqual: order <= 0
        case .greater: order > 0
        case .greaterEqual: order >= 0
        }
    }

    static func holds(_ op: ComparisonOperator, _ a: Value, _ b: Value, _ range: SourceRange) throws(RuntimeError) -> Bool {
        try located(range) { () throws(ValueError) -> Bool in
            switch op {
            case .equal: try a.isEqual(to: b)
            case .notEqual: !(try a.isEqual(to: b))
            case .less: try a.compare(to: b) < 0
            case .lessEqual: try a.compare(to: b) <= 0
            case .greater: try a.compare(to: b) > 0
            case .greaterEqual: try a.compare(to: b) >= 0
            }
        }
    }
}

final class ContainsNode: Node {
    let element: Node
    let list: Node
    init(element: Node, list: Node, range: SourceRange) {
        self.element = element
        self.list = list
        super.init(range: range)
    }
    override func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        let needle = try element.evaluate(machine)
        let items = try list.list(machine)
        try machine.step(range, items.count)
        var found = false
        for item in items where !found {
            found = try ComparisonNode.holds(.equal, needle, item, range)
        }
        if let recorder = machine.recorder {
            recorder.record("\(machine.describe(element, needle)) in \(Value.list(items).briefDescription)" + (found ? "" : " is false"))
        }
        return .bool(found)
    }
}

final class AndNode: Node {
    let left: Node
    let right: Node
    init(left: Node, right: Node, range: SourceRange) {
        self.left = left
        self.right = right
        super.init(range: range)
    }
    override func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        .bool(try condition(machine))
    }
    override func condition(_ machine: Machine) throws(RuntimeError) -> Bool {
        guard try left.condition(machine) else { return false }
        return try right.condition(machine)
    }
}

final class OrNode: Node {
    let left: Node
    let right: Node
    init(left: Node, right: Node, range: SourceRange) {
        self.left = left
        self.right = right
        super.init(range: range)
    }
    override func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        .bool(try condition(machine))
    }
    override func condition(_ machine: Machine) throws(RuntimeError) -> Bool {
        if try left.condition(machine) { return true }
        return try right.condition(machine)
    }
}

final class IfNode: Node {
    let test: Node
    let then: Node
    let otherwise: Node
    init(test: Node, then: Node, otherwise: Node, range: SourceRange) {
        self.test = test
        self.then = then
        self.otherwise = otherwise
        super.init(range: range)
    }
    override func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        try test.condition(machine) ? try then.evaluate(machine) : try otherwise.evaluate(machine)
    }
    override func quantity(_ machine: Machine) throws(RuntimeError) -> Quantity? {
        try test.condition(machine) ? try then.quantity(machine) : try otherwise.quantity(machine)
    }
}

final class WhenNode: Node {
    let arms: [(condition: Node, result: Node)]
    let otherwise: Node?
    init(arms: [(condition: Node, result: Node)], otherwise: Node?, range: SourceRange) {
        self.arms = arms
        self.otherwise = otherwise
        super.init(range: range)
    }
    override func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        for arm in arms {
            if try arm.condition.condition(machine) { return try arm.result.evaluate(machine) }
        }
        guard let otherwise else {
            throw RuntimeError(
                .noMatchingBranch, at: range, "no branch of `when` applies and it has no `else`",
                fix: "add `else: value` as the last branch")
        }
        return try otherwise.evaluate(machine)
    }
}

final class MatchNode: Node {
    let subject: Node
    let arms: [(patterns: [Node], result: Node)]
    let otherwise: Node?
    init(subject: Node, arms: [(patterns: [Node], result: Node)], otherwise: Node?, range: SourceRange) {
        self.subject = subject
        self.arms = arms
        self.otherwise = otherwise
        super.init(range: range)
    }
    override func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        let value = try subject.evaluate(machine)
        for arm in arms {
            for pattern in arm.patterns {
                if try ComparisonNode.holds(.equal, value, try pattern.evaluate(machine), pattern.range) {
                    return try arm.result.evaluate(machine)
                }
            }
        }
        guard let otherwise else {
            throw RuntimeError(
                .noMatchingBranch, at: range, "`when` has no branch for \(value) and no `else`",
                fix: "add `else: value` as the last branch")
        }
        return try otherwise.evaluate(machine)
    }
}
