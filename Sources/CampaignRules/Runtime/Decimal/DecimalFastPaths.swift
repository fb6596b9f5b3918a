// Shortcuts for the exact, in-range cases that dominate money arithmetic; everything else goes to the kernel.

/// Answers for operations whose exact result is obviously representable, in a few instructions.
///
/// Each shortcut applies only when the kernel would round nothing and raise no condition: both
/// coefficients fit in 64 bits, the exact result has at most `precision` digits, and its
/// exponent is far enough inside the context's range that no digit count could overflow or
/// be subnormal. In those cases GDA's answer is simply the exact result, so a shortcut cannot
/// disagree with the kernel (a test checks that it does not); it returns nil otherwise.
enum DecimalFastPath {
    /// The exact product, or nil when the kernel must decide.
    static func product(_ left: DecimalNumber, _ right: DecimalNumber, context: DecimalNumber.Context)
        -> DecimalNumber?
    {
        guard let leftCoefficient = left.coefficient.uint64Value, let rightCoefficient = right.coefficient.uint64Value
        else { return nil }
        let exponent = left.exponent + right.exponent
        guard isComfortablyInRange(exponent, context) else { return nil }
        let wide = leftCoefficient.multipliedFullWidth(by: rightCoefficient)
        let product = UInt128(wide.high) << 64 | UInt128(wide.low)
        guard product < PowersOfTen.uint128[context.precision] else { return nil }
        return DecimalNumber(
            isNegative: left.isNegative != right.isNegative, coefficient: product, storedExponent: Int32(exponent))
    }

    /// The exact sum, or nil when the kernel must decide.
    static func sum(_ left: DecimalNumber, _ right: DecimalNumber, context: DecimalNumber.Context)
        -> DecimalNumber?
    {
        guard left.coefficient.uint64Value != nil, right.coefficient.uint64Value != nil else { return nil }
        var leftCoefficient = left.coefficient
        var rightCoefficient = right.coefficient
        // Align on the smaller exponent; a 64-bit value times 10^19 or less still fits in 128 bits.
        let exponent = min(left.exponent, right.exponent)
        let shift = left.exponent - right.exponent
        guard shift.magnitude <= 19, isComfortablyInRange(exponent, context) else { return nil }
        if shift > 0 { leftCoefficient *= UInt128(PowersOfTen.uint64[shift]) }
        if shift < 0 { rightCoefficient *= UInt128(PowersOfTen.uint64[-shift]) }

        var isNegative: Bool
        var magnitude: UInt128
        if left.isNegative == right.isNegative {
            // Both below 2^64 · 10^19 < 2^127, so the sum cannot overflow.
            isNegative = left.isNegative
            magnitude = leftCoefficient + rightCoefficient
        } else if leftCoefficient > rightCoefficient {
            isNegative = left.isNegative
            magnitude = leftCoefficient - rightCoefficient
        } else if rightCoefficient > leftCoefficient {
            isNegative = right.isNegative
            magnitude = rightCoefficient - leftCoefficient
        } else {
            // An exact zero from opposite signs is positive, except when rounding toward −∞.
            isNegative = context.rounding == .floor
            magnitude = 0
        }
        guard magnitude < PowersOfTen.uint128[context.precision] else { return nil }
        return DecimalNumber(isNegative: isNegative, coefficient: magnitude, storedExponent: Int32(exponent))
    }

    /// GDA's quotient of two 64-bit coefficients, computed as the kernel does (one division of
    /// the dividend scaled to `precision` quotient digits, the remainder deciding the rounding)
    /// without its general machinery, and the conditions it raises; nil when the kernel must
    /// decide (a zero, a scaled dividend beyond 128 bits, an exponent near the range's ends).
    /// Unlike the other shortcuts this one may round: engagement rates and other ratios are
    /// rarely exact, and the caller keeps or drops the conditions as the kernel's callers do.
    static func quotient(_ left: DecimalNumber, _ right: DecimalNumber, context: DecimalNumber.Context)
        -> (value: DecimalNumber, conditions: DecimalNumber.Conditions)?
    {
        guard let dividend = left.coefficient.uint64Value, let divisor = right.coefficient.uint64Value,
              dividend != 0, divisor != 0 else { return nil }
        let dividendDigits = PowersOfTen.digitCount(of: dividend), divisorDigits = PowersOfTen.digitCount(of: divisor)
        // Whether the dividend's digits, read as a fraction, are at least the divisor's.
        let paddedDividend = UInt128(dividend) * PowersOfTen.uint128[max(0, divisorDigits - dividendDigits)]
        let paddedDivisor = UInt128(divisor) * PowersOfTen.uint128[max(0, dividendDigits - divisorDigits)]
        let scale = context.precision - dividendDigits + divisorDigits - (paddedDividend >= paddedDivisor ? 1 : 0)
        guard scale >= 0, dividendDigits + scale <= 38 else { return nil }
        let (quotient, remainder) = (UInt128(dividend) * PowersOfTen.uint128[scale]).quotientAndRemainder(dividingBy: UInt128(divisor))
        var coefficient = quotient
        var exponent = left.exponent - right.exponent - scale
        var conditions: DecimalNumber.Conditions = []
        let isNegative = left.isNegative != right.isNegative
        if remainder == 0 {
            // Exact: drop the zeros the scaling added, but not past the ideal exponent.
            let (stripped, removed) = quotient.removingTrailingZeros(upTo: scale)
            coefficient = stripped
            exponent += removed
        } else {
            conditions = [.inexact, .rounded]
            let discarded = DiscardedDigits.classify(remainder: remainder, divisor: UInt128(divisor))
            if context.rounding.incrementsMagnitude(of: coefficient, isNegative: isNegative, discarded: discarded) {
                coefficient += 1
                if coefficient == PowersOfTen.uint128[context.precision] {
                    // 99…9 carried into 10…0, one digit too many: drop a zero.
                    coefficient /= 10
                    exponent += 1
                }
            }
        }
        guard isComfortablyInRange(exponent, context) else { return nil }
        return (DecimalNumber(isNegative: isNegative, coefficient: coefficient, storedExponent: Int32(exponent)), conditions)
    }

    /// Whether every result of at most `precision` digits at this exponent is normal and below overflow.
    private static func isComfortablyInRange(_ exponent: Int, _ context: DecimalNumber.Context) -> Bool {
        exponent >= context.minExponent && exponent <= context.maxExponent - context.precision + 1
    }
}
