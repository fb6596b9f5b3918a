// The evaluator's tree: one final class per kind of expression, each evaluating itself.

/// An executable expression. Subclasses override `evaluate`; the resolver has already bound
/// every name to a slot, so evaluation never looks anything up by string.
class Node {
    let range: SourceRange

    init(range: SourceRange) {
        self.range = range
    }

    func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        throw RuntimeError(.invalidOperand, at: range, "internal error: an expression without an evaluator")
    }

    /// Evaluates to a quantity when the value is a number, percent or money. A value of any
    /// other kind is left in `machine.spilled` and the result is nil; the caller takes it at
    /// once. Nodes that compute numbers override this to skip the `Value` around them.
    func quantity(_ machine: Machine) throws(RuntimeError) -> Quantity? {
        let value = try evaluate(machine)
        return spillingQuantity(of: value, machine)
    }

    /// Evaluates and requires true or false. Comparisons and logic override it to skip the
    /// `Value` around the answer.
    func condition(_ machine: Machine) throws(RuntimeError) -> Bool {
        let value = try evaluate(machine)
        guard case .bool(let flag) = value else {
            throw RuntimeError(
                .typeMismatch, at: range, "expected true or false, found \(value.kindName) \(value)",
                fix: "compare it, as in `x > 0`")
        }
        return flag
    }

    /// Evaluates and requires a list.
    @inline(__always)
    final func list(_ machine: Machine) throws(RuntimeError) -> ValueList {
        let value = try evaluate(machine)
        guard case .list(let items) = value else {
            throw RuntimeError(.notAList, at: range, "expected a list, found \(value.kindName) \(value)")
        }
        return items
    }

    /// Evaluates and requires a whole number.
    final func wholeNumber(_ machine: Machine, _ what: String) throws(RuntimeError) -> Int {
        let value = try evaluate(machine)
        guard case .number(let number) = value, let whole = number.integerValue else {
            throw RuntimeError(.typeMismatch, at: range, "\(what) must be a whole number, found \(value)")
        }
        return whole
    }
}

/// Runs a value operation and locates its error at `range`.
@inline(__always)
func located<T>(_ range: SourceRange, _ operation: () throws(ValueError) -> T) throws(RuntimeError) -> T {
    do throws(ValueError) {
        return try operation()
    } catch {
        throw RuntimeError(error, at: range)
    }
}

final class ConstantNode: Node {
    let value: Value
    private let asQuantity: Quantity?
    init(_ value: Value, range: SourceRange) {
        self.value = value
        self.asQuantity = Quantity(value)
        super.init(range: range)
    }
    override func evaluate(_ machine: Machine) throws(RuntimeError) -> Value { value }
    override func quantity(_ machine: Machine) throws(RuntimeError) -> Quantity? {
        if asQuantity == nil { machine.spilled = value }
        return asQuantity
    }
}

final class LocalNode: Node {
    let slot: Int
    init(slot: Int, range: SourceRange) {
        self.slot = slot
        super.init(range: range)
    }
    override func evaluate(_ machine: Machine) throws(RuntimeError) -> Value { machine.local(slot) }
    override func quantity(_ machine: Machine) throws(RuntimeError) -> Quantity? {
        if let quantity = Quantity(machine.stack[machine.base + slot]) { return quantity }
        machine.spilled = machine.local(slot)
        return nil
    }
}

final class GlobalNode: Node {
    let index: Int
    init(index: Int, range: SourceRange) {
        self.index = index
        super.init(range: range)
    }
    override func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        try machine.global(index, at: range)
    }
}

final class ListNode: Node {
    let items: [Node]
    init(items: [Node], range: SourceRange) {
        self.items = items
        super.init(range: range)
    }
    override func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        try machine.created(Machine.listBytes(items.count), at: range)
        var values: [Value] = []
        values.reserveCapacity(items.count)
        for item in items { values.append(try item.evaluate(machine)) }
        return .list(values)
    }
}

final class RecordNode: Node {
    let shape: RecordShape
    let fields: [Node]
    init(shape: RecordShape, fields: [Node], range: SourceRange) {
        self.shape = shape
        self.fields = fields
        super.init(range: range)
    }
    override func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        try machine.created(Machine.recordBytes(fields: fields.count), at: range)
        var values: [Value] = []
        values.reserveCapacity(fields.count)
        for field in fields { values.append(try field.evaluate(machine)) }
        return .record(RecordValue(shape: shape, values: values))
    }
}

final class BlockNode: Node {
    let bindings: [(slot: Int, value: Node)]
    let result: Node
    init(bindings: [(slot: Int, value: Node)], result: Node, range: SourceRange) {
        self.bindings = bindings
        self.result = result
        super.init(range: range)
    }
    override func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        for binding in bindings { machine.setLocal(binding.slot, try binding.value.evaluate(machine)) }
        return try result.evaluate(machine)
    }
    override func quantity(_ machine: Machine) throws(RuntimeError) -> Quantity? {
        for binding in bindings { machine.setLocal(binding.slot, try binding.value.evaluate(machine)) }
        return try result.quantity(machine)
    }
}
