// ExactDecimal, the kernel's unrounded working form, and WideDecimal, its form with unbounded coefficients.

/// A sign, a coefficient of whatever size `Coefficient` allows, and an exponent: an exact value
/// the kernel reads as an operand or produces before rounding.
///
/// GDA rounds only results, never operands, so operands longer than `DecimalNumber` can hold
/// (the GDA test suite has 64-digit ones) are `WideDecimal`s and go through the same kernel.
struct ExactDecimal<Coefficient: DecimalCoefficient>: Sendable {
    var isNegative: Bool
    var coefficient: Coefficient
    /// A full Int: sums and differences of operand exponents must not overflow before they are checked.
    var exponent: Int

    /// The exponent of the most significant digit.
    var adjustedExponent: Int { exponent + coefficient.decimalDigitCount - 1 }
}

/// An exact decimal whose coefficient has no size limit.
typealias WideDecimal = ExactDecimal<WideInteger>

extension ExactDecimal where Coefficient == UInt128 {
    /// The kernel's view of a compact value, which costs nothing to build.
    init(compact number: DecimalNumber) {
        self.init(isNegative: number.isNegative, coefficient: number.coefficient, exponent: number.exponent)
    }
}

extension ExactDecimal where Coefficient == WideInteger {
    /// The kernel's wide view of a compact value, for retrying an operation that outgrew UInt128.
    init(_ number: DecimalNumber) {
        self.init(
            isNegative: number.isNegative, coefficient: WideInteger(compact: number.coefficient),
            exponent: number.exponent)
    }
}

/// The operations on wide operands, which never need a further fallback.
///
/// `DecimalNumber`'s operations end up here when UInt128 overflows, and the GDA conformance
/// test calls them directly with operands parsed from the test files.
extension ExactDecimal where Coefficient == WideInteger {
    /// Parses GDA's numeric-string syntax exactly, with no limit on digits.
    static func parse(_ text: Substring) -> WideDecimal? {
        DecimalScanner.scan(text, as: WideInteger.self)
    }

    func adding(_ other: WideDecimal, context: DecimalNumber.Context, conditions: inout DecimalNumber.Conditions)
        throws(DecimalNumber.ArithmeticError) -> DecimalNumber
    {
        try Self.completed(DecimalKernel.sum(self, other, context: context, conditions: &conditions))
    }

    func subtracting(_ other: WideDecimal, context: DecimalNumber.Context, conditions: inout DecimalNumber.Conditions)
        throws(DecimalNumber.ArithmeticError) -> DecimalNumber
    {
        try Self.completed(DecimalKernel.sum(self, other.negated(), context: context, conditions: &conditions))
    }

    func multiplied(by other: WideDecimal, context: DecimalNumber.Context, conditions: inout DecimalNumber.Conditions)
        throws(DecimalNumber.ArithmeticError) -> DecimalNumber
    {
        try Self.completed(DecimalKernel.product(self, other, context: context, conditions: &conditions))
    }

    func divided(by other: WideDecimal, context: DecimalNumber.Context, conditions: inout DecimalNumber.Conditions)
        throws(DecimalNumber.ArithmeticError) -> DecimalNumber
    {
        try Self.completed(DecimalKernel.quotient(self, other, context: context, conditions: &conditions))
    }

    func quantized(
        exponent: Int, rounding: DecimalNumber.RoundingMode, context: DecimalNumber.Context,
        conditions: inout DecimalNumber.Conditions
    ) throws(DecimalNumber.ArithmeticError) -> DecimalNumber {
        try Self.completed(
            DecimalKernel.quantized(
                self, exponent: exponent, rounding: rounding, context: context, conditions: &conditions))
    }

    /// Unwraps a kernel result computed with wide coefficients.
    ///
    /// The kernel returns nil only when a coefficient operation does not fit, which
    /// `WideInteger` never reports; the error keeps that impossible case from trapping.
    private static func completed(_ result: DecimalNumber?) throws(DecimalNumber.ArithmeticError) -> DecimalNumber {
        guard let result else { throw .invalidOperation }
        return result
    }
}

extension ExactDecimal {
    /// The same value with the opposite sign, which turns subtraction into addition.
    func negated() -> ExactDecimal {
        ExactDecimal(isNegative: !isNegative, coefficient: coefficient, exponent: exponent)
    }
}
