// Kernel code for truths: constants, bool columns, registers, comparisons and logic.

final class ConstantTruth: TruthCode {
    let value: Bool
    init(_ value: Bool) { self.value = value }
    override func truth(_ frame: RowFrame) throws(Deopt) -> Bool { value }
    override func smallTruth(_ frame: RowFrame) throws(Deopt) -> Bool { value }
}

/// A Bool field of the row.
final class ColumnTruth: TruthCode {
    let flags: [Bool]
    init(_ flags: [Bool]) { self.flags = flags }
    override func truth(_ frame: RowFrame) throws(Deopt) -> Bool {
        flags[frame.row]
    }
    override func smallTruth(_ frame: RowFrame) throws(Deopt) -> Bool { try truth(frame) }
}

final class RegisterTruth: TruthCode {
    let register: Int
    init(_ register: Int) { self.register = register }
    override func truth(_ frame: RowFrame) throws(Deopt) -> Bool { frame.truths[register] }
    override func smallTruth(_ frame: RowFrame) throws(Deopt) -> Bool { frame.truths[register] }
}

/// Two amounts that always compare (one currency, or numbers with percents).
final class AmountComparison: TruthCode {
    let op: ComparisonOperator
    let left: AmountOperand, right: AmountOperand
    init(_ op: ComparisonOperator, _ left: AmountOperand, _ right: AmountOperand) {
        self.op = op
        self.left = left
        self.right = right
    }
    override func truth(_ frame: RowFrame) throws(Deopt) -> Bool {
        let a = try left.amount(frame), b = try right.amount(frame)
        return ComparisonNode.satisfies(op, a.compare(b))
    }
    override func smallTruth(_ frame: RowFrame) throws(Deopt) -> Bool {
        let a = try left.small(frame), b = try right.small(frame)
        return ComparisonNode.satisfies(op, a.compare(b))
    }
}

/// `a / b op c`, decided without dividing when the exact quotient is not within rounding
/// distance of `c` (see `DecimalNumber.compareQuotient`).
final class QuotientComparison: TruthCode {
    let op: ComparisonOperator
    let numerator: AmountOperand, denominator: AmountOperand, right: AmountOperand
    init(_ op: ComparisonOperator, _ numerator: AmountOperand, _ denominator: AmountOperand, _ right: AmountOperand) {
        self.op = op
        self.numerator = numerator
        self.denominator = denominator
        self.right = right
    }
    override func truth(_ frame: RowFrame) throws(Deopt) -> Bool {
        let a = try numerator.amount(frame), b = try denominator.amount(frame), c = try right.amount(frame)
        guard let order = DecimalNumber.compareQuotient(a, b, c) else {
            let quotient = try DecimalNumber.kernel { () throws(DecimalNumber.ArithmeticError) in try a.divided(by: b, context: .language) }
            return ComparisonNode.satisfies(op, quotient.compare(c))
        }
        return ComparisonNode.satisfies(op, order)
    }
    override func smallTruth(_ frame: RowFrame) throws(Deopt) -> Bool {
        let a = try numerator.small(frame), b = try denominator.small(frame), c = try right.small(frame)
        // Close enough to the threshold that the division must decide: the decimal path divides.
        guard let order = SmallAmount.compareQuotient(a, b, c) else { throw Deopt() }
        return ComparisonNode.satisfies(op, order)
    }
}

final class TruthEquality: TruthCode {
    let equal: Bool
    let left: TruthCode, right: TruthCode
    init(equal: Bool, _ left: TruthCode, _ right: TruthCode) {
        self.equal = equal
        self.left = left
        self.right = right
    }
    override func truth(_ frame: RowFrame) throws(Deopt) -> Bool {
        (try left.truth(frame) == (try right.truth(frame))) == equal
    }
    override func smallTruth(_ frame: RowFrame) throws(Deopt) -> Bool {
        (try left.smallTruth(frame) == (try right.smallTruth(frame))) == equal
    }
}

final class NotTruth: TruthCode {
    let operand: TruthCode
    init(_ operand: TruthCode) { self.operand = operand }
    override func truth(_ frame: RowFrame) throws(Deopt) -> Bool { !(try operand.truth(frame)) }
    override func smallTruth(_ frame: RowFrame) throws(Deopt) -> Bool { !(try operand.smallTruth(frame)) }
}

final class AndTruth: TruthCode {
    let left: TruthCode, right: TruthCode
    init(_ left: TruthCode, _ right: TruthCode) {
        self.left = left
        self.right = right
    }
    override func truth(_ frame: RowFrame) throws(Deopt) -> Bool {
        guard try left.truth(frame) else { return false }
        return try right.truth(frame)
    }
    override func smallTruth(_ frame: RowFrame) throws(Deopt) -> Bool {
        guard try left.smallTruth(frame) else { return false }
        return try right.smallTruth(frame)
    }
}

final class OrTruth: TruthCode {
    let left: TruthCode, right: TruthCode
    init(_ left: TruthCode, _ right: TruthCode) {
        self.left = left
        self.right = right
    }
    override func truth(_ frame: RowFrame) throws(Deopt) -> Bool {
        if try left.truth(frame) { return true }
        return try right.truth(frame)
    }
    override func smallTruth(_ frame: RowFrame) throws(Deopt) -> Bool {
        if try left.smallTruth(frame) { return true }
        return try right.smallTruth(frame)
    }
}

final class ConditionalTruth: TruthCode {
    let test: TruthCode
    let then: TruthCode, otherwise: TruthCode
    init(_ test: TruthCode, _ then: TruthCode, _ otherwise: TruthCode) {
        self.test = test
        self.then = then
        self.otherwise = otherwise
    }
    override func truth(_ frame: RowFrame) throws(Deopt) -> Bool {
        try test.truth(frame) ? try then.truth(frame) : try otherwise.truth(frame)
    }
    override func smallTruth(_ frame: RowFrame) throws(Deopt) -> Bool {
        try test.smallTruth(frame) ? try then.smallTruth(frame) : try otherwise.smallTruth(frame)
    }
}

final class LetTruth: TruthCode {
    let store: KernelStore
    let body: TruthCode
    init(_ register: Int, _ value: KernelValue, in body: TruthCode) {
        store = KernelStore(register, value)
        self.body = body
    }
    override func truth(_ frame: RowFrame) throws(Deopt) -> Bool {
        try store.store(frame)
        return try body.truth(frame)
    }
    override func smallTruth(_ frame: RowFrame) throws(Deopt) -> Bool {
        try store.storeSmall(frame)
        return try body.smallTruth(frame)
    }
}

final class CallTruth: TruthCode {
    let body: TruthCode
    /// The steps of the function's body.
    let units: Int
    init(_ body: TruthCode, units: Int) {
        self.body = body
        self.units = units
    }
    override func truth(_ frame: RowFrame) throws(Deopt) -> Bool {
        try frame.step(units)
        return try body.truth(frame)
    }
    override func smallTruth(_ frame: RowFrame) throws(Deopt) -> Bool {
        try frame.step(units)
        return try body.smallTruth(frame)
    }
}

extension SmallAmount {
    /// `DecimalNumber.compareQuotient` for small amounts, with the common case (the quotient's
    /// exponent at or above the threshold's, as with counts against a percent) in two 64-bit
    /// multiplications: there `a / b` against `c` is `|a| · 10^shift` against `|b| · |c|`, and
    /// a product below 2^89 is below 10²⁷, where any gap decides.
    @inline(__always)
    static func compareQuotient(_ a: SmallAmount, _ b: SmallAmount, _ c: SmallAmount) -> Int? {
        let shift = Int(a.exponent) - Int(b.exponent) - Int(c.exponent)
        guard b.coefficient != 0, a.coefficient != 0, c.coefficient != 0, shift >= 0, shift < 19 else {
            return DecimalNumber.compareQuotient(a.operand, b.operand, c.operand)
        }
        let quotientIsNegative = (a.coefficient < 0) != (b.coefficient < 0)
        if quotientIsNegative != (c.coefficient < 0) { return quotientIsNegative ? -1 : 1 }
        let left = a.coefficient.magnitude.multipliedFullWidth(by: PowersOfTen.uint64[shift])
        let right = b.coefficient.magnitude.multipliedFullWidth(by: c.coefficient.magnitude)
        guard right.high < 1 << 25 else { return DecimalNumber.compareQuotient(a.operand, b.operand, c.operand) }
        if left == right { return 0 }
        let magnitudeOrder = left.high != right.high ? (left.high < right.high ? -1 : 1) : (left.low < right.low ? -1 : 1)
        return c.coefficient < 0 ? -magnitudeOrder : magnitudeOrder
    }

    /// The amount as `compareQuotient` takes it.
    @inline(__always)
    var operand: DecimalNumber.Operand {
        DecimalNumber.Operand(coefficient.magnitude, Int(exponent), coefficient < 0)
    }
}
