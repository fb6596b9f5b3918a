// Nodes for calls: user functions, built-ins, tier table lookups and `marginal`.

/// A user function after lowering: its frame size and body.
final class CompiledFunction: @unchecked Sendable {
    let name: String
    let parameterCount: Int
    var parameterTypes: [(name: String, type: DeclaredType?)] = []
    var frameSize = 0
    var body: Node?
    /// The steps each call counts: its body's operations (see `BoundExpression.operations`).
    var operations = 1

    init(name: String, parameterCount: Int) {
        self.name = name
        self.parameterCount = parameterCount
    }
}

final class CallNode: Node {
    let function: CompiledFunction
    let arguments: [Node]
    init(function: CompiledFunction, arguments: [Node], range: SourceRange) {
        self.function = function
        self.arguments = arguments
        super.init(range: range)
    }

    override func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        try machine.step(range, function.operations)
        try machine.enter(range)
        defer { machine.leave() }
        guard let body = function.body else {
            throw RuntimeError(.invalidOperand, at: range, "internal error: `\(function.name)` has no body")
        }
        // Arguments are pushed straight onto the stack: any frames their evaluation opens are
        // popped again before the next one is pushed.
        let newBase = machine.stack.count
        for (position, argument) in arguments.enumerated() {
            let value = try argument.evaluate(machine)
            guard let type = function.parameterTypes[position].type else {
                machine.stack.append(value)
                continue
            }
            guard let accepted = type.accepting(value) else {
                machine.stack.removeSubrange(newBase...)
                throw RuntimeError(
                    .typeMismatch, at: argument.range,
                    "`\(function.name)` expects \(type.name) for `\(function.parameterTypes[position].name)`, found \(value.kindName) \(value)")
            }
            machine.stack.append(accepted)
        }
        for _ in function.parameterCount..<max(function.parameterCount, function.frameSize) { machine.stack.append(.bool(false)) }
        let savedBase = machine.base
        machine.base = newBase
        defer {
            machine.stack.removeLast(machine.stack.count - newBase)
            machine.base = savedBase
        }
        do throws(RuntimeError) {
            return try body.evaluate(machine)
        } catch {
            var error = error
            error.calls.append(.init(function: function.name, site: range))
            throw error
        }
    }
}

/// `round(x)`, `round(x, places)`, `round(x, places, mode)` without building an argument list:
/// rounding sits on the hot path of most commission rules.
final class RoundNode: Node {
    let value: Node
    let places: Node?, mode: Node?
    /// `round(x, 2, half_up)` as rule files write it: places and mode are constants, so they
    /// are read once; nil when either is computed or invalid (the full path reports that).
    private let constantPlacesAndMode: (places: Int, mode: DecimalNumber.RoundingMode)?

    init(value: Node, places: Node?, mode: Node?, range: SourceRange) {
        self.value = value
        self.places = places
        self.mode = mode
        self.constantPlacesAndMode = RoundNode.constants(places, mode)
        super.init(range: range)
    }

    private static func constants(_ places: Node?, _ mode: Node?) -> (places: Int, mode: DecimalNumber.RoundingMode)? {
        guard let places = places as? ConstantNode, let whole = try? Rounding.wholeNumber(places.value, "") else { return nil }
        guard let mode else { return (whole, .halfUp) }
        guard let modeNode = mode as? ConstantNode, case .symbol(let symbol) = modeNode.value, let named = symbol.roundingMode else { return nil }
        return (whole, named)
    }

    override func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        if constantPlacesAndMode != nil {
            if let quantity = try quantity(machine) { return quantity.value }
            return machine.takeSpilled()
        }
        let amount = try value.evaluate(machine)
        let placesValue = try places?.evaluate(machine), modeValue = try mode?.evaluate(machine)
        return try located(range) { () throws(ValueError) in try Rounding.round(amount, places: placesValue, mode: modeValue) }
    }

    override func quantity(_ machine: Machine) throws(RuntimeError) -> Quantity? {
        guard let (places, mode) = constantPlacesAndMode else { return try super.quantity(machine) }
        guard var amount = try value.quantity(machine) else {
            // Not a number: the full path gives the message.
            let other = machine.takeSpilled()
            _ = try located(range) { () throws(ValueError) in try Rounding.rounded(other, places: places, mode: mode) }
            return nil
        }
        let digits = amount.unit == .percent ? places + 2 : places
        amount.amount = try located(range) { () throws(ValueError) in
            try DecimalNumber.checked { () throws(DecimalNumber.ArithmeticError) in try amount.amount.rounded(places: digits, rounding: mode) }
        }
        return amount
    }
}

/// `min(a, b)` and `max(a, b)`: the two-value forms, without building a list.
final class PairExtremeNode: Node {
    let left: Node
    let right: Node
    let largest: Bool
    init(left: Node, right: Node, largest: Bool, range: SourceRange) {
        self.left = left
        self.right = right
        self.largest = largest
        super.init(range: range)
    }

    override func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        if let quantity = try quantity(machine) { return quantity.value }
        return machine.takeSpilled()
    }

    override func quantity(_ machine: Machine) throws(RuntimeError) -> Quantity? {
        guard let a = try left.quantity(machine) else { return try general(machine.takeSpilled(), try right.evaluate(machine), machine) }
        guard let b = try right.quantity(machine) else { return try general(a.value, machine.takeSpilled(), machine) }
        if let order = Quantity.order(a, b) { return pick(order) ? b : a }
        return try general(a.value, b.value, machine)
    }

    /// The extreme of two values under the full comparison rules.
    private func general(_ a: Value, _ b: Value, _ machine: Machine) throws(RuntimeError) -> Quantity? {
        let order = try located(range) { () throws(ValueError) in try a.compare(to: b) }
        let chosen = pick(order) ? b : a
        return spillingQuantity(of: chosen, machine)
    }

    /// Whether the second operand wins; ties keep the first, as the list forms do.
    @inline(__always)
    private func pick(_ order: Int) -> Bool { largest ? order < 0 : order > 0 }
}

final class BuiltinNode: Node {
    let builtin: Builtin
    let arguments: [Node]
    let settings: CampaignSettings
    /// What `sum` of an empty list is when the checker knows the list holds money: `$0.00`
    /// reads better in a money column than the unit-free 0 (and equals it).
    let emptySum: Value?

    init(builtin: Builtin, arguments: [Node], settings: CampaignSettings, emptySum: Value?, range: SourceRange) {
        self.builtin = builtin
        self.arguments = arguments
        self.settings = settings
        self.emptySum = emptySum
        super.init(range: range)
    }

    override func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        if builtin == .sum, arguments.count == 1, machine.recorder == nil, let selection = arguments[0] as? SelectNode,
            let total = try selection.exactSumOfProjection(machine)
        {
            return total
        }
        var values: [Value] = []
        values.reserveCapacity(arguments.count)
        for argument in arguments { values.append(try argument.evaluate(machine)) }
        if let emptySum, case .list(let items) = values[0], items.isEmpty { return emptySum }
        for case .list(let items) in values {
            try machine.step(range, builtin.sorts ? Machine.sortSteps(items.count) : items.count)
            if builtin.sorts { try machine.created(Machine.listBytes(items.count), at: range) }
        }
        return try located(range) { () throws(ValueError) in try builtin.call(values, settings: settings) }
    }
}

/// `table(amount)` (the bracket's value) or `marginal(table, amount)` (each slice at its rate).
final class TierNode: Node {
    enum Use {
        case lookup, marginal
    }
    let table: Int
    let use: Use
    let argument: Node
    init(table: Int, use: Use, argument: Node, range: SourceRange) {
        self.table = table
        self.use = use
        self.argument = argument
        super.init(range: range)
    }

    override func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        let tiers = try tierTable(machine)
        return try result(tiers, for: try argument.evaluate(machine), machine)
    }

    /// A plain lookup of a number or amount, as commission rates are: the bracket's value comes
    /// from the table's decimal bounds without making a `Value`.
    override func quantity(_ machine: Machine) throws(RuntimeError) -> Quantity? {
        guard use == .lookup, machine.recorder == nil else { return try super.quantity(machine) }
        let tiers = try tierTable(machine)
        guard let amount = try argument.quantity(machine) else {
            return spillingQuantity(of: try result(tiers, for: machine.takeSpilled(), machine), machine)
        }
        if let index = tiers.numericBracketIndex(amount), let value = tiers.numericBounds?.values[index] { return value }
        return spillingQuantity(of: try result(tiers, for: amount.value, machine), machine)
    }

    private func tierTable(_ machine: Machine) throws(RuntimeError) -> TierTableValue {
        guard case .tierTable(let tiers) = try machine.global(table, at: range) else {
            throw RuntimeError(.notCallable, at: range, "internal error: not a tier table")
        }
        return tiers
    }

    private func result(_ tiers: TierTableValue, for amount: Value, _ machine: Machine) throws(RuntimeError) -> Value {
        let result = try located(range) { () throws(ValueError) in
            switch use {
            case .lookup: try tiers.bracket(containing: amount).value
            case .marginal: try tiers.marginal(amount)
            }
        }
        if let recorder = machine.recorder {
            let call = machine.program.source.text(in: range)
            switch use {
            case .lookup:
                let bracket = try located(range) { () throws(ValueError) in try tiers.bracket(containing: amount) }
                recorder.record("\(call): \(amount.briefDescription) is in the bracket \(bracket.spelling) → \(result.briefDescription)")
            case .marginal:
                recorder.record("\(call): \(amount.briefDescription) in slices, \(tiers.sliceDescription(of: amount)) = \(result.briefDescription)")
            }
        }
        return result
    }
}

extension TierTableValue.Bracket {
    /// `$1,000.00 ..< $5,000.00`, `..< $1,000.00` or `$5,000.00 ...`.
    var spelling: String {
        switch (low, high) {
        case (let low?, let high?): "\(low.briefDescription) ..< \(high.briefDescription)"
        case (nil, let high?): "..< \(high.briefDescription)"
        case (let low?, nil): "\(low.briefDescription) ..."
        case (nil, nil): "(everything)"
        }
    }
}

extension TierTableValue {
    /// The bracket with `low <= amount < high`.
    func bracket(containing amount: Value) throws(ValueError) -> Bracket {
        if let index = numericBracketIndex(amount) { return brackets[index] }
        for bracket in brackets {
            if let low = bracket.low, try TierTableValue.order(amount, low) < 0 { continue }
            if let high = bracket.high, try TierTableValue.order(amount, high) >= 0 { continue }
            return bracket
        }
        let first = brackets.first?.low.map { "starts at \($0)" } ?? "has no lower bound"
        let last = brackets.last?.high.map { "ends before \($0)" } ?? "has no upper bound"
        throw ValueError(
            .outsideTierTable, "\(amount) falls in no bracket of `\(name)` (it \(first) and \(last))",
            fix: "add a bracket open below (`..< low: value`) or above (`high ...: value`)")
    }

    @inline(__always)
    static func order(_ a: Value, _ b: Value) throws(ValueError) -> Int {
        if let order = ComparisonNode.numericOrder(a, b) { return order }
        return try a.compare(to: b)
    }

    /// Each bracket's rate applied to the slice of `amount` inside it, summed (as tax brackets
    /// are). A bracket open below starts its slice at zero.
    func marginal(_ amount: Value) throws(ValueError) -> Value {
        // Outside the table there is no rate for the slice, and dropping it would pay too little.
        _ = try bracket(containing: amount)
        var total = try amount.multiplied(by: .number(.zero))
        for bracket in brackets {
            switch bracket.value {
            case .number, .percent: break
            default:
                throw ValueError(
                    .typeMismatch, "marginal needs rates in `\(name)`, but a bracket holds \(bracket.value.kindName) \(bracket.value)",
                    fix: "use `\(name)(amount)` to look up a bracket's value")
            }
            total = try total.adding(try slice(of: amount, bracket).multiplied(by: bracket.value))
        }
        return total
    }

    /// `$1,000.00 × 5% + $4,000.00 × 8%`: each non-empty slice at its rate, for explanations.
    func sliceDescription(of amount: Value) -> String {
        let parts = brackets.compactMap { bracket -> String? in
            guard let width = try? slice(of: amount, bracket), width.decimal?.isZero == false else { return nil }
            return "\(width.briefDescription) × \(bracket.value.briefDescription)"
        }
        return parts.isEmpty ? "none" : parts.joined(separator: " + ")
    }

    private func slice(of amount: Value, _ bracket: Bracket) throws(ValueError) -> Value {
        let zero = try amount.multiplied(by: .number(.zero))
        let low = bracket.low ?? zero
        guard try amount.compare(to: low) > 0 else { return zero }
        let top = try bracket.high.map { (high: Value) throws(ValueError) -> Value in try amount.compare(to: high) < 0 ? amount : high } ?? amount
        let width = try top.subtracting(low)
        return try width.compare(to: zero) > 0 ? width : zero
    }
}
