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
    @inline(__always)
    static func product(_ left: DecimalNumber, _ right: DecimalNumber, context: DecimalNumber.Context)
        -> DecimalNumber?
    {
        // Any product of two 64-bit coefficients fits 128 bits; below 2^64 it has at most 20 digits.
        guard left.coefficientHigh | right.coefficientHigh == 0, context.precision >= 20 else { return nil }
        let exponent = Int(left.storedExponent) + Int(right.storedExponent)
        guard isComfortablyInRange(exponent, context) else { return nil }
        let (high, low) = left.coefficientLow.multipliedFullWidth(by: right.coefficientLow)
        guard high == 0 else { return wideProduct(left, right, exponent: exponent, context: context) }
        return DecimalNumber(isNegative: left.isNegative != right.isNegative, smallCoefficient: low, storedExponent: Int32(exponent))
    }

    /// The exact product of two 64-bit coefficients when it has more than 64 bits but at most
    /// `precision` digits.
    @inline(never)
    private static func wideProduct(_ left: DecimalNumber, _ right: DecimalNumber, exponent: Int, context: DecimalNumber.Context)
        -> DecimalNumber?
    {
        let wide = left.coefficientLow.multipliedFullWidth(by: right.coefficientLow)
        let product = UInt128(wide.high) << 64 | UInt128(wide.low)
        guard product < PowersOfTen.uint128[context.precision] else { return nil }
        return DecimalNumber(isNegative: left.isNegative != right.isNegative, coefficient: product, storedExponent: Int32(exponent))
    }

    /// The exact sum, or nil when the kernel must decide.
    @inline(__always)
    static func sum(_ left: DecimalNumber, _ right: DecimalNumber, context: DecimalNumber.Context)
        -> DecimalNumber?
    {
        guard left.coefficientHigh | right.coefficientHigh == 0, context.precision >= 20 else { return nil }
        var leftCoefficient = left.coefficientLow, rightCoefficient = right.coefficientLow
        var exponent = left.storedExponent
        if left.storedExponent != right.storedExponent {
            // Align on the smaller exponent, as long as the scaled coefficient stays in 64 bits.
            let shift = Int(left.storedExponent) - Int(right.storedExponent)
            guard shift.magnitude < 20 else { return nil }
            if shift > 0 {
                let (scaled, overflow) = leftCoefficient.multipliedReportingOverflow(by: PowersOfTen.uint64[shift])
                guard !overflow else { return nil }
                leftCoefficient = scaled
                exponent = right.storedExponent
            } else {
                let (scaled, overflow) = rightCoefficient.multipliedReportingOverflow(by: PowersOfTen.uint64[-shift])
                guard !overflow else { return nil }
                rightCoefficient = scaled
            }
        }
        // Below 2^63 each, so the sum fits 64 bits, and 20 digits are within the precision.
        guard leftCoefficient < 1 << 63, rightCoefficient < 1 << 63, isComfortablyInRange(Int(exponent), context) else { return nil }
        let isNegative: Bool
        let magnitude: UInt64
        if left.isNegative == right.isNegative {
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
        return DecimalNumber(isNegative: isNegative, smallCoefficient: magnitude, storedExponent: exponent)
    }

    /// GDA `quantize` of a 64-bit coefficient to `target`, which rounds at most one 64-bit
    /// division's worth of digits; nil when the kernel must decide (or report an error).
    @inline(__always)
    static func quantized(
        _ value: DecimalNumber, exponent target: Int, rounding: DecimalNumber.RoundingMode,
        context: DecimalNumber.Context
    ) -> DecimalNumber? {
        guard value.coefficientHigh == 0, context.precision >= 20, isComfortablyInRange(target, context) else { return nil }
        let exponent = Int(value.storedExponent)
        if exponent == target { return value }
        if exponent > target {
            // Lengthening is exact while the coefficient stays in 64 bits (20 digits at most).
            guard exponent - target < 20 else { return nil }
            let (scaled, overflow) = value.coefficientLow.multipliedReportingOverflow(by: PowersOfTen.uint64[exponent - target])
            guard !overflow else { return nil }
            return DecimalNumber(isNegative: value.isNegative, smallCoefficient: scaled, storedExponent: Int32(target))
        }
        guard target - exponent < 20 else { return nil }
        let (kept, remainder) = PowersOfTen.divide(value.coefficientLow, byPowerOfTen: target - exponent)
        var coefficient = kept
        if remainder != 0 {
            // Twice the remainder against the divisor says below, at or above half.
            let half = PowersOfTen.uint64[target - exponent] / 2
            let discarded: DiscardedDigits = remainder < half ? .belowHalf : (remainder == half ? .half : .aboveHalf)
            if rounding.incrementsMagnitude(of: UInt128(kept), isNegative: value.isNegative, discarded: discarded) { coefficient += 1 }
        }
        return DecimalNumber(isNegative: value.isNegative, smallCoefficient: coefficient, storedExponent: Int32(target))
    }

    /// The numeric order of two values with 64-bit coefficients and the same sign, in a
    /// multiplication at most; nil for the other pairs.
    @inline(__always)
    static func order(_ left: DecimalNumber, _ right: DecimalNumber) -> Int? {
        guard left.coefficientHigh | right.coefficientHigh == 0, left.isNegative == right.isNegative else { return nil }
        var leftCoefficient = left.coefficientLow, rightCoefficient = right.coefficientLow
        let shift = Int(left.storedExponent) - Int(right.storedExponent)
        if shift != 0 {
            guard shift.magnitude < 20 else { return nil }
            // A scaled coefficient beyond 64 bits is larger than any 64-bit one.
            if shift > 0 {
                let (scaled, overflow) = leftCoefficient.multipliedReportingOverflow(by: PowersOfTen.uint64[shift])
                if overflow { return left.isNegative ? -1 : 1 }
                leftCoefficient = scaled
            } else {
                let (scaled, overflow) = rightCoefficient.multipliedReportingOverflow(by: PowersOfTen.uint64[-shift])
                if overflow { return left.isNegative ? 1 : -1 }
                rightCoefficient = scaled
            }
        }
        let magnitudeOrder = leftCoefficient == rightCoefficient ? 0 : (leftCoefficient < rightCoefficient ? -1 : 1)
        return left.isNegative ? -magnitudeOrder : magnitudeOrder
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
            dividend != 0, divisor != 0
        else { return nil }
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
    @inline(__always)
    private static func isComfortablyInRange(_ exponent: Int, _ context: DecimalNumber.Context) -> Bool {
        exponent >= context.minExponent && exponent <= context.maxExponent - context.precision + 1
    }
}
