// The two ways kernel code computes, as one interface, so logic written once runs in both.

/// Kernel arithmetic on one representation: `SmallAmount`s (`SmallNumbers`) or
/// `DecimalNumber`s (`DecimalNumbers`). A plan's statement is written once against this and
/// specialized for each; both give the general evaluator's values exactly, or `Deopt`.
protocol KernelNumbers {
    associatedtype Amount

    static func amount(_ code: AmountCode, _ frame: RowFrame) throws(Deopt) -> Amount
    static func truth(_ code: TruthCode, _ frame: RowFrame) throws(Deopt) -> Bool
    /// The zero a statement's total starts from: `0`, exponent 0.
    static var zero: Amount { get }
    static func sum(_ a: Amount, _ b: Amount) throws(Deopt) -> Amount
    static func difference(_ a: Amount, _ b: Amount) throws(Deopt) -> Amount
    static func order(_ a: Amount, _ b: Amount) -> Int
    static func sign(_ a: Amount) -> Int
    /// The opposite amount; zero stays zero (the sign of zero is lost when a line is paid).
    static func opposite(_ a: Amount) -> Amount
    /// Rounded to a payment's minor unit, with zero always positive, as plan lines are.
    static func payment(_ a: Amount, places: Int, mode: DecimalNumber.RoundingMode) throws(Deopt) -> Amount
    /// Puts the amount in an amount register, where codes reading the register find it.
    static func store(_ a: Amount, in register: Int, _ frame: RowFrame)
    static func decimal(_ a: Amount) -> DecimalNumber
}

enum SmallNumbers: KernelNumbers {
    @inline(__always) static func amount(_ code: AmountCode, _ frame: RowFrame) throws(Deopt) -> SmallAmount { try code.small(frame) }
    @inline(__always) static func truth(_ code: TruthCode, _ frame: RowFrame) throws(Deopt) -> Bool { try code.smallTruth(frame) }
    static var zero: SmallAmount { SmallAmount(coefficient: 0, exponent: 0) }
    @inline(__always) static func sum(_ a: SmallAmount, _ b: SmallAmount) throws(Deopt) -> SmallAmount { try a + b }
    @inline(__always) static func difference(_ a: SmallAmount, _ b: SmallAmount) throws(Deopt) -> SmallAmount { try a - b }
    @inline(__always) static func order(_ a: SmallAmount, _ b: SmallAmount) -> Int { a.compare(b) }
    @inline(__always) static func sign(_ a: SmallAmount) -> Int { Int(a.coefficient.signum()) }
    @inline(__always) static func opposite(_ a: SmallAmount) -> SmallAmount { SmallAmount(coefficient: -a.coefficient, exponent: a.exponent) }
    @inline(__always)
    static func payment(_ a: SmallAmount, places: Int, mode: DecimalNumber.RoundingMode) throws(Deopt) -> SmallAmount {
        try a.rounded(places: places, mode: mode, unsignedZero: true)
    }
    @inline(__always) static func store(_ a: SmallAmount, in register: Int, _ frame: RowFrame) { frame.smalls[register] = a }
    @inline(__always) static func decimal(_ a: SmallAmount) -> DecimalNumber { a.decimal }
}

enum DecimalNumbers: KernelNumbers {
    @inline(__always) static func amount(_ code: AmountCode, _ frame: RowFrame) throws(Deopt) -> DecimalNumber { try code.amount(frame) }
    @inline(__always) static func truth(_ code: TruthCode, _ frame: RowFrame) throws(Deopt) -> Bool { try code.truth(frame) }
    static var zero: DecimalNumber { .zero }
    static func sum(_ a: DecimalNumber, _ b: DecimalNumber) throws(Deopt) -> DecimalNumber {
        try DecimalNumber.kernel { () throws(DecimalNumber.ArithmeticError) in try a.adding(b, context: .language) }
    }
    static func difference(_ a: DecimalNumber, _ b: DecimalNumber) throws(Deopt) -> DecimalNumber {
        try DecimalNumber.kernel { () throws(DecimalNumber.ArithmeticError) in try a.subtracting(b, context: .language) }
    }
    static func order(_ a: DecimalNumber, _ b: DecimalNumber) -> Int { a.compare(b) }
    static func sign(_ a: DecimalNumber) -> Int { a.signum() }
    static func opposite(_ a: DecimalNumber) -> DecimalNumber { a.negated() }
    static func payment(_ a: DecimalNumber, places: Int, mode: DecimalNumber.RoundingMode) throws(Deopt) -> DecimalNumber {
        let rounded = try DecimalNumber.kernel { () throws(DecimalNumber.ArithmeticError) in try a.rounded(places: places, rounding: mode) }
        return rounded.isZero ? rounded.magnitude : rounded
    }
    @inline(__always) static func store(_ a: DecimalNumber, in register: Int, _ frame: RowFrame) { frame.amounts[register] = a }
    @inline(__always) static func decimal(_ a: DecimalNumber) -> DecimalNumber { a }
}
