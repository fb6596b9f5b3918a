// Kernel code for amounts: operands read in place, arithmetic, rounding, extremes, tiers, lets and calls.

/// Where a kernel operation finds an amount. Most operands are constants, fields of the row
/// or registers, which the operation reads in place, so only computed operands cost a call.
enum AmountOperand {
    /// A constant, with its small form when it has one.
    case constant(DecimalNumber, SmallAmount?)
    /// A field of the row, from a column of 32-bit coefficients sharing one exponent.
    case column([Int32], exponent: Int32)
    /// A field of the row, from a column of 16-bit coefficients sharing one exponent.
    case narrowColumn([Int16], exponent: Int32)
    case register(Int)
    case code(AmountCode)

    @inline(__always)
    func amount(_ frame: RowFrame) throws(Deopt) -> DecimalNumber {
        switch self {
        case .constant(let value, _): return value
        case .column(let coefficients, let exponent):
            return DecimalNumber(signedCoefficient: Int64(coefficients[frame.row]), storedExponent: exponent)
        case .narrowColumn(let coefficients, let exponent):
            return DecimalNumber(signedCoefficient: Int64(coefficients[frame.row]), storedExponent: exponent)
        case .register(let register): return frame.amounts[register]
        case .code(let code): return try code.amount(frame)
        }
    }

    @inline(__always)
    func small(_ frame: RowFrame) throws(Deopt) -> SmallAmount {
        switch self {
        case .constant(_, let small):
            guard let small else { throw Deopt() }
            return small
        case .column(let coefficients, let exponent):
            return SmallAmount(coefficient: Int64(coefficients[frame.row]), exponent: exponent)
        case .narrowColumn(let coefficients, let exponent):
            return SmallAmount(coefficient: Int64(coefficients[frame.row]), exponent: exponent)
        case .register(let register): return frame.smalls[register]
        case .code(let code): return try code.small(frame)
        }
    }

    /// The operand as code, for the places that take code.
    var code: AmountCode {
        if case .code(let code) = self { return code }
        return OperandAmount(self)
    }
}

/// An operand that is not itself code, as the result of a kernel or a branch.
final class OperandAmount: AmountCode {
    let operand: AmountOperand
    init(_ operand: AmountOperand) { self.operand = operand }
    override func amount(_ frame: RowFrame) throws(Deopt) -> DecimalNumber { try operand.amount(frame) }
    override func small(_ frame: RowFrame) throws(Deopt) -> SmallAmount { try operand.small(frame) }
}

/// A field of the row, from a column stored other than as 32-bit coefficients.
final class ColumnAmount: AmountCode {
    let column: DecimalColumn
    init(_ column: DecimalColumn) { self.column = column }
    override func amount(_ frame: RowFrame) throws(Deopt) -> DecimalNumber { column[frame.row] }
    override func small(_ frame: RowFrame) throws(Deopt) -> SmallAmount {
        guard let small = SmallAmount(column[frame.row]) else { throw Deopt() }
        return small
    }
}

final class NegatedAmount: AmountCode {
    let operand: AmountOperand
    init(_ operand: AmountOperand) { self.operand = operand }
    override func amount(_ frame: RowFrame) throws(Deopt) -> DecimalNumber { try operand.amount(frame).negated(context: .language) }
    override func small(_ frame: RowFrame) throws(Deopt) -> SmallAmount { try operand.small(frame).negated() }
}

/// `a + b`, `a - b`, `a * b` or `a / b` of units whose result the general evaluator computes
/// as the plain decimal operation (see `RowKernelCompiler.directUnit`).
final class ArithmeticAmount: AmountCode {
    let op: ArithmeticOperator
    let left: AmountOperand, right: AmountOperand
    init(_ op: ArithmeticOperator, _ left: AmountOperand, _ right: AmountOperand) {
        self.op = op
        self.left = left
        self.right = right
    }
    override func amount(_ frame: RowFrame) throws(Deopt) -> DecimalNumber {
        let a = try left.amount(frame), b = try right.amount(frame)
        let quick: DecimalNumber? =
            switch op {
            case .add: DecimalFastPath.sum(a, b, context: .language)
            case .subtract: DecimalFastPath.sum(a, b.negated(), context: .language)
            case .multiply: DecimalFastPath.product(a, b, context: .language)
            case .divide: nil
            }
        if let quick { return quick }
        return try DecimalNumber.kernel { () throws(DecimalNumber.ArithmeticError) in
            switch op {
            case .add: try a.adding(b, context: .language)
            case .subtract: try a.subtracting(b, context: .language)
            case .multiply: try a.multiplied(by: b, context: .language)
            case .divide: try a.divided(by: b, context: .language)
            }
        }
    }
    override func small(_ frame: RowFrame) throws(Deopt) -> SmallAmount {
        let a = try left.small(frame), b = try right.small(frame)
        switch op {
        case .add: return try a + b
        case .subtract: return try a - b
        case .multiply: return try a * b
        // A quotient rarely fits: the decimal path divides.
        case .divide: throw Deopt()
        }
    }
}

/// `round(x, places, mode)` with constant places and mode; `places` already counts a
/// percent's two extra digits.
final class RoundedAmount: AmountCode {
    let operand: AmountOperand
    let places: Int
    let mode: DecimalNumber.RoundingMode
    init(_ operand: AmountOperand, places: Int, mode: DecimalNumber.RoundingMode) {
        self.operand = operand
        self.places = places
        self.mode = mode
    }
    override func amount(_ frame: RowFrame) throws(Deopt) -> DecimalNumber {
        let value = try operand.amount(frame)
        if let rounded = DecimalFastPath.quantized(value, exponent: -places, rounding: mode, context: .language) { return rounded }
        return try DecimalNumber.kernel { () throws(DecimalNumber.ArithmeticError) in try value.rounded(places: places, rounding: mode) }
    }
    override func small(_ frame: RowFrame) throws(Deopt) -> SmallAmount {
        try operand.small(frame).rounded(places: places, mode: mode)
    }
}

final class MagnitudeAmount: AmountCode {
    let operand: AmountOperand
    init(_ operand: AmountOperand) { self.operand = operand }
    override func amount(_ frame: RowFrame) throws(Deopt) -> DecimalNumber { try operand.amount(frame).magnitude(context: .language) }
    override func small(_ frame: RowFrame) throws(Deopt) -> SmallAmount { try operand.small(frame).magnitude }
}

/// `min(a, b)` or `max(a, b)` of one unit; a tie keeps the first, as the general evaluator does.
final class ExtremeAmount: AmountCode {
    let left: AmountOperand, right: AmountOperand
    let largest: Bool
    init(_ left: AmountOperand, _ right: AmountOperand, largest: Bool) {
        self.left = left
        self.right = right
        self.largest = largest
    }
    override func amount(_ frame: RowFrame) throws(Deopt) -> DecimalNumber {
        let a = try left.amount(frame), b = try right.amount(frame)
        let order = a.compare(b)
        return (largest ? order < 0 : order > 0) ? b : a
    }
    override func small(_ frame: RowFrame) throws(Deopt) -> SmallAmount {
        let a = try left.small(frame), b = try right.small(frame)
        let order = a.compare(b)
        return (largest ? order < 0 : order > 0) ? b : a
    }
}

final class ConditionalAmount: AmountCode {
    let test: TruthCode
    let then: AmountOperand, otherwise: AmountOperand
    init(_ test: TruthCode, _ then: AmountOperand, _ otherwise: AmountOperand) {
        self.test = test
        self.then = then
        self.otherwise = otherwise
    }
    override func amount(_ frame: RowFrame) throws(Deopt) -> DecimalNumber {
        try test.truth(frame) ? try then.amount(frame) : try otherwise.amount(frame)
    }
    override func small(_ frame: RowFrame) throws(Deopt) -> SmallAmount {
        try test.smallTruth(frame) ? try then.small(frame) : try otherwise.small(frame)
    }
}

/// A tier table lookup: the bracket is found by comparing with the table's bounds, which were
/// constants, and its value returned. A key in no bracket goes back to the general evaluator,
/// which reports it.
final class TierAmount: AmountCode {
    let key: AmountOperand
    /// Each bracket's upper bound (nil: open above); the brackets are contiguous.
    let highs: [DecimalNumber?]
    let lowest: DecimalNumber?
    let values: [DecimalNumber]
    let smallValues: [SmallAmount?]
    /// The bounds as coefficients at the exponent keys usually have (that of the column they
    /// come from), so that a key at that exponent is placed by integer comparisons alone.
    let keyExponent: Int32?
    let lowestCoefficient: UInt64
    let highCoefficients: [UInt64]

    init(key: AmountOperand, lowest: DecimalNumber?, highs: [DecimalNumber?], values: [DecimalNumber]) {
        self.key = key
        self.lowest = lowest
        self.highs = highs
        self.values = values
        self.smallValues = values.map(SmallAmount.init)
        let scaled = TierAmount.coefficients(lowest: lowest, highs: highs, key: key)
        (keyExponent, lowestCoefficient, highCoefficients) = scaled.map { ($0.exponent, $0.lowest, $0.highs) } ?? (nil, 0, [])
    }

    override func amount(_ frame: RowFrame) throws(Deopt) -> DecimalNumber {
        try lookup(try key.amount(frame))
    }

    private func lookup(_ amount: DecimalNumber) throws(Deopt) -> DecimalNumber {
        if amount.storedExponent == keyExponent, amount.coefficientHigh == 0, !amount.isNegative {
            guard let index = bracket(of: amount.coefficientLow) else { throw Deopt() }
            return values[index]
        }
        if let lowest, amount.compare(lowest) < 0 { throw Deopt() }
        for index in highs.indices {
            guard let high = highs[index] else { return values[index] }
            if amount.compare(high) < 0 { return values[index] }
        }
        throw Deopt()
    }

    override func small(_ frame: RowFrame) throws(Deopt) -> SmallAmount {
        let amount = try key.small(frame)
        guard amount.exponent == keyExponent, amount.coefficient >= 0,
            let index = bracket(of: UInt64(amount.coefficient)), let value = smallValues[index]
        else {
            // Another exponent or a negative key: compared with the bounds as a decimal.
            guard let value = SmallAmount(try lookup(amount.decimal)) else { throw Deopt() }
            return value
        }
        return value
    }

    @inline(__always)
    private func bracket(of coefficient: UInt64) -> Int? {
        guard coefficient >= lowestCoefficient else { return nil }
        for index in highCoefficients.indices where coefficient < highCoefficients[index] { return index }
        return nil
    }

    /// The bounds as 64-bit coefficients at the key column's exponent, when every bound is
    /// non-negative and exactly representable there. An open top becomes 2^64 − 1, which
    /// every smaller coefficient is below; a key with that very coefficient takes the general path.
    private static func coefficients(lowest: DecimalNumber?, highs: [DecimalNumber?], key: AmountOperand)
        -> (exponent: Int32, lowest: UInt64, highs: [UInt64])?
    {
        let exponent: Int32
        switch key {
        case .column(_, let shared), .narrowColumn(_, let shared): exponent = shared
        default: return nil
        }
        func scaled(_ bound: DecimalNumber) -> UInt64? {
            guard !bound.isNegative || bound.isZero, let rescaled = try? bound.quantized(exponent: Int(exponent), rounding: .halfEven),
                rescaled.compare(bound) == 0
            else { return nil }
            return rescaled.coefficient.uint64Value
        }
        var lowestCoefficient: UInt64 = 0
        if let lowest {
            guard let value = scaled(lowest) else { return nil }
            lowestCoefficient = value
        }
        var highCoefficients: [UInt64] = []
        for high in highs {
            guard let high else {
                highCoefficients.append(.max)
                continue
            }
            guard let value = scaled(high) else { return nil }
            highCoefficients.append(value)
        }
        return (exponent, lowestCoefficient, highCoefficients)
    }
}

/// A `let` or an inlined argument: the value computed into its register, then the code that uses it.
final class LetAmount: AmountCode {
    let store: KernelStore
    let body: AmountOperand
    init(_ register: Int, _ value: KernelValue, in body: AmountOperand) {
        store = KernelStore(register, value)
        self.body = body
    }
    override func amount(_ frame: RowFrame) throws(Deopt) -> DecimalNumber {
        try store.store(frame)
        return try body.amount(frame)
    }
    override func small(_ frame: RowFrame) throws(Deopt) -> SmallAmount {
        try store.storeSmall(frame)
        return try body.small(frame)
    }
}

/// Computes a `let`'s value into its register, in either representation.
struct KernelStore {
    let register: Int
    // Both kinds of value are kept non-optional (the unused one a placeholder that is never
    // called): reading an optional class reference retains it, on every row.
    let amountValue: AmountCode, truthValue: TruthCode
    let storesAmount: Bool

    init(_ register: Int, _ value: KernelValue) {
        self.register = register
        switch value {
        case .amount(let code): (amountValue, truthValue, storesAmount) = (code, TruthCode(), true)
        case .truth(let code): (amountValue, truthValue, storesAmount) = (AmountCode(), code, false)
        }
    }

    @inline(__always)
    func store(_ frame: RowFrame) throws(Deopt) {
        if storesAmount {
            frame.amounts[register] = try amountValue.amount(frame)
        } else {
            frame.truths[register] = try truthValue.truth(frame)
        }
    }

    @inline(__always)
    func storeSmall(_ frame: RowFrame) throws(Deopt) {
        if storesAmount {
            frame.smalls[register] = try amountValue.small(frame)
        } else {
            frame.truths[register] = try truthValue.smallTruth(frame)
        }
    }
}

/// A call to one of the file's functions, inlined: the step the call counts, then its body
/// (the arguments are `LetAmount`s around the body).
final class CallAmount: AmountCode {
    let body: AmountOperand
    /// The steps of the function's body.
    let units: Int
    init(_ body: AmountOperand, units: Int) {
        self.body = body
        self.units = units
    }
    override func amount(_ frame: RowFrame) throws(Deopt) -> DecimalNumber {
        try frame.step(units)
        return try body.amount(frame)
    }
    override func small(_ frame: RowFrame) throws(Deopt) -> SmallAmount {
        try frame.step(units)
        return try body.small(frame)
    }
}

/// A value a `let` stores: an amount or a truth.
enum KernelValue {
    case amount(AmountCode)
    case truth(TruthCode)
}
