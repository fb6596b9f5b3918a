// Comparing a quotient with a threshold without dividing: `engagement / followers >= 3%`.

extension DecimalNumber {
    /// How the language's quotient `a / b` (rounded to 28 digits, ties to even) compares with
    /// `c`: −1, 0 or 1, exactly as `a.divided(by: b).compare(c)` would say.
    ///
    /// Rates are compared with thresholds far more often than they are shown, and the division
    /// is the dearest operation in such a rule. The exact quotient `a / b` compares with `c` as
    /// `a` compares with `b × c`, one multiplication; rounding it to 28 digits moves it by at
    /// most half a unit in its 28th digit, less than `c × 10⁻²⁷`, so whenever the exact
    /// quotient lies at least that far from `c`, the rounded one is on the same side. Nil when
    /// it lies closer (only then can rounding land on `c`), when `b` is zero (the division's
    /// error decides), or when an operand is outside the cheap case: a coefficient beyond 64
    /// bits or an exponent beyond ±1,000, where the quotient's range could come into play.
    static func compareQuotient(_ a: DecimalNumber, _ b: DecimalNumber, _ c: DecimalNumber) -> Int? {
        guard let dividend = a.coefficient.uint64Value, let divisor = b.coefficient.uint64Value,
            let threshold = c.coefficient.uint64Value
        else { return nil }
        return compareQuotient(
            Operand(dividend, a.exponent, a.isNegative), Operand(divisor, b.exponent, b.isNegative),
            Operand(threshold, c.exponent, c.isNegative))
    }

    /// A 64-bit coefficient with its exponent and sign, as `compareQuotient` takes them.
    struct Operand {
        let magnitude: UInt64
        let exponent: Int
        let isNegative: Bool

        @inline(__always)
        init(_ magnitude: UInt64, _ exponent: Int, _ isNegative: Bool) {
            self.magnitude = magnitude
            self.exponent = exponent
            self.isNegative = isNegative
        }
    }

    @inline(__always)
    static func compareQuotient(_ a: Operand, _ b: Operand, _ c: Operand) -> Int? {
        guard b.magnitude != 0, a.exponent.magnitude <= 1_000, b.exponent.magnitude <= 1_000, c.exponent.magnitude <= 1_000 else {
            return nil
        }
        // Zero divided by anything is a zero, and no other quotient rounds to zero in this range.
        if a.magnitude == 0 { return c.magnitude == 0 ? 0 : (c.isNegative ? 1 : -1) }
        let quotientIsNegative = a.isNegative != b.isNegative
        if c.magnitude == 0 || quotientIsNegative != c.isNegative { return quotientIsNegative ? -1 : 1 }

        // |a| / |b| against |c| is dividend · 10^shift against divisor · threshold.
        let shift = a.exponent - b.exponent - c.exponent
        var left: UInt128, right = UInt128(b.magnitude.multipliedFullWidth(by: c.magnitude))
        if shift >= 0 && shift < 20 {
            left = UInt128(a.magnitude.multipliedFullWidth(by: PowersOfTen.uint64[shift]))
        } else {
            guard shift.magnitude <= 38 else { return nil }
            left = UInt128(a.magnitude)
            let (scaled, overflow) = (shift > 0 ? left : right).multipliedReportingOverflow(by: PowersOfTen.uint128[Int(shift.magnitude)])
            guard !overflow else { return nil }
            if shift > 0 { left = scaled } else { right = scaled }
        }
        guard left != right else { return 0 }
        let magnitudeOrder = left > right ? 1 : -1
        // Rounding cannot reach c when gap / right ≥ 10⁻²⁷, which gap > right / 10²⁷ ensures
        // (and any gap does when right is below 10²⁷, as it nearly always is).
        let scale = PowersOfTen.uint128[Context.language.precision - 1]
        if right >= scale {
            let gap = left > right ? left - right : right - left
            guard gap > right / scale else { return nil }
        }
        return c.isNegative ? -magnitudeOrder : magnitudeOrder
    }
}

extension UInt128 {
    /// The 128-bit value of a full-width 64-bit product.
    @inline(__always)
    init(_ product: (high: UInt64, low: UInt64)) {
        self = UInt128(product.high) << 64 | UInt128(product.low)
    }
}
