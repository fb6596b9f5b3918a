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

    /// Whether every result of at most `precision` digits at this exponent is normal and below overflow.
    private static func isComfortablyInRange(_ exponent: Int, _ context: DecimalNumber.Context) -> Bool {
        exponent >= context.minExponent && exponent <= context.maxExponent - context.precision + 1
    }
}
