// Addition, subtraction, multiplication and division: DecimalNumber's public operations and the one kernel behind them.

extension DecimalNumber {
    /// The sum, rounded once to the context (GDA `add`).
    public func adding(_ other: DecimalNumber, context: Context = .language) throws(ArithmeticError) -> DecimalNumber {
        var conditions = Conditions()
        return try adding(other, context: context, conditions: &conditions)
    }

    /// The sum, also inserting the conditions it raises into `conditions` (they accumulate, as GDA's status does).
    public func adding(_ other: DecimalNumber, context: Context = .language, conditions: inout Conditions)
        throws(ArithmeticError) -> DecimalNumber
    {
        if let exact = DecimalFastPath.sum(self, other, context: context) { return exact }
        let compact = try DecimalKernel.sum(
            ExactDecimal(compact: self), ExactDecimal(compact: other), context: context, conditions: &conditions)
        if let compact { return compact }
        return try WideDecimal(self).adding(WideDecimal(other), context: context, conditions: &conditions)
    }

    /// The difference, rounded once to the context (GDA `subtract`).
    public func subtracting(_ other: DecimalNumber, context: Context = .language) throws(ArithmeticError)
        -> DecimalNumber
    {
        var conditions = Conditions()
        return try subtracting(other, context: context, conditions: &conditions)
    }

    /// The difference, also inserting the conditions it raises into `conditions`.
    public func subtracting(_ other: DecimalNumber, context: Context = .language, conditions: inout Conditions)
        throws(ArithmeticError) -> DecimalNumber
    {
        try adding(other.negated(), context: context, conditions: &conditions)
    }

    /// The product, rounded once to the context (GDA `multiply`).
    public func multiplied(by other: DecimalNumber, context: Context = .language) throws(ArithmeticError)
        -> DecimalNumber
    {
        var conditions = Conditions()
        return try multiplied(by: other, context: context, conditions: &conditions)
    }

    /// The product, also inserting the conditions it raises into `conditions`.
    public func multiplied(by other: DecimalNumber, context: Context = .language, conditions: inout Conditions)
        throws(ArithmeticError) -> DecimalNumber
    {
        if let exact = DecimalFastPath.product(self, other, context: context) { return exact }
        let compact = try DecimalKernel.product(
            ExactDecimal(compact: self), ExactDecimal(compact: other), context: context, conditions: &conditions)
        if let compact { return compact }
        return try WideDecimal(self).multiplied(by: WideDecimal(other), context: context, conditions: &conditions)
    }

    /// The quotient, rounded once to the context (GDA `divide`); an exact quotient keeps the
    /// exponent closest to `self.exponent − other.exponent`, so `1.00 / 4 == 0.25`.
    public func divided(by other: DecimalNumber, context: Context = .language) throws(ArithmeticError)
        -> DecimalNumber
    {
        var conditions = Conditions()
        return try divided(by: other, context: context, conditions: &conditions)
    }

    /// The quotient, also inserting the conditions it raises into `conditions`.
    public func divided(by other: DecimalNumber, context: Context = .language, conditions: inout Conditions)
        throws(ArithmeticError) -> DecimalNumber
    {
        if let (quotient, raised) = DecimalFastPath.quotient(self, other, context: context) {
            conditions.formUnion(raised)
            return quotient
        }
        let compact = try DecimalKernel.quotient(
            ExactDecimal(compact: self), ExactDecimal(compact: other), context: context, conditions: &conditions)
        if let compact { return compact }
        return try WideDecimal(self).divided(by: WideDecimal(other), context: context, conditions: &conditions)
    }
}

/// The GDA arithmetic algorithms, each written once and generic over the coefficient type.
///
/// Specialized for `UInt128`, they serve everything `DecimalFastPath` does not shortcut,
/// without allocating. Specialized for `WideInteger`, the same code handles whatever did not
/// fit in UInt128, and the GDA test suite's long operands. Every function returns nil exactly
/// when a coefficient operation reported that it did not fit, before touching `conditions`,
/// so the caller can retry wider as if nothing happened.
enum DecimalKernel {
    typealias Context = DecimalNumber.Context
    typealias Conditions = DecimalNumber.Conditions
    typealias ArithmeticError = DecimalNumber.ArithmeticError

    /// GDA `add`: the exact sum at the smaller exponent, rounded once.
    static func sum<Coefficient>(
        _ augend: ExactDecimal<Coefficient>, _ addend: ExactDecimal<Coefficient>, context: Context,
        conditions: inout Conditions
    ) throws(ArithmeticError) -> DecimalNumber? {
        // Align on the smaller exponent by scaling up the operand with the larger one.
        let (high, low) = augend.exponent >= addend.exponent ? (augend, addend) : (addend, augend)
        if high.coefficient.isZero || low.coefficient.isZero {
            return try sumWithZeroOperand(high: high, low: low, context: context, conditions: &conditions)
        }
        let lowOperand = standInIfNegligible(low, beside: high, precision: context.precision)
        guard let scaledHigh = high.coefficient.multipliedByPowerOfTen(high.exponent - lowOperand.exponent)
        else { return nil }
        let exponent = lowOperand.exponent
        if high.isNegative == lowOperand.isNegative {
            guard let total = scaledHigh.adding(lowOperand.coefficient) else { return nil }
            let exact = ExactDecimal(isNegative: high.isNegative, coefficient: total, exponent: exponent)
            return try rounded(exact, context: context, conditions: &conditions)
        }
        if scaledHigh == lowOperand.coefficient {
            // An exact zero from opposite signs is positive, except when rounding toward −∞.
            let zero = ExactDecimal(
                isNegative: context.rounding == .floor, coefficient: Coefficient.zero, exponent: exponent)
            return try rounded(zero, context: context, conditions: &conditions)
        }
        let exact =
            scaledHigh > lowOperand.coefficient
            ? ExactDecimal(
                isNegative: high.isNegative, coefficient: scaledHigh.subtracting(lowOperand.coefficient),
                exponent: exponent)
            : ExactDecimal(
                isNegative: lowOperand.isNegative, coefficient: lowOperand.coefficient.subtracting(scaledHigh),
                exponent: exponent)
        return try rounded(exact, context: context, conditions: &conditions)
    }

    /// A sum in which at least one operand is zero: no arithmetic, only GDA's exponent and sign rules.
    private static func sumWithZeroOperand<Coefficient>(
        high: ExactDecimal<Coefficient>, low: ExactDecimal<Coefficient>, context: Context,
        conditions: inout Conditions
    ) throws(ArithmeticError) -> DecimalNumber? {
        if high.coefficient.isZero && low.coefficient.isZero {
            // Two zeros: negative only if both are, or if their signs differ under floor rounding.
            let isNegative =
                high.isNegative == low.isNegative ? high.isNegative : context.rounding == .floor
            let zero = ExactDecimal(isNegative: isNegative, coefficient: Coefficient.zero, exponent: low.exponent)
            return try rounded(zero, context: context, conditions: &conditions)
        }
        if high.coefficient.isZero {
            // The exact sum is the other operand, already at the smaller exponent.
            return try rounded(low, context: context, conditions: &conditions)
        }
        // The exact sum is `high` padded with zeros down to low's exponent. Padding beyond
        // precision + 1 zeros only adds zeros that rounding discards, so cap it: the
        // result and its conditions are the same, and a 1E+6000 + 0E-6000 stays small.
        let shift = min(high.exponent - low.exponent, context.precision + 1)
        guard let padded = high.coefficient.multipliedByPowerOfTen(shift) else { return nil }
        let exact = ExactDecimal(isNegative: high.isNegative, coefficient: padded, exponent: high.exponent - shift)
        return try rounded(exact, context: context, conditions: &conditions)
    }

    /// Replaces an operand too small to reach the rounding digit with a tiny one of the same sign.
    ///
    /// Aligning 1E+100 with 1E-100 exactly would need a 200-digit coefficient, yet all the
    /// small operand can change is the sticky information below the rounding digit (and a
    /// borrow, for subtraction). Any nonzero value lying wholly below both the big operand's
    /// last digit and the lowest possible rounding digit has exactly the same effect, so the
    /// kernel substitutes one just below that threshold and the alignment stays short.
    private static func standInIfNegligible<Coefficient>(
        _ low: ExactDecimal<Coefficient>, beside high: ExactDecimal<Coefficient>, precision: Int
    ) -> ExactDecimal<Coefficient> {
        // Cheap test first: an operand within precision + 2 places of the other is never replaced.
        guard high.exponent - low.exponent > precision + 2 else { return low }
        // The rounding digit lies at or above high.adjusted − precision − 1 (a borrow can lower the
        // result's leading digit by one place), so everything below `threshold` is sticky only.
        let threshold = min(high.exponent, high.adjustedExponent - precision - 1) - 1
        guard low.adjustedExponent < threshold else { return low }
        return ExactDecimal(isNegative: low.isNegative, coefficient: Coefficient.one, exponent: threshold - 1)
    }

    /// GDA `multiply`: the exact product, rounded once.
    static func product<Coefficient>(
        _ multiplicand: ExactDecimal<Coefficient>, _ multiplier: ExactDecimal<Coefficient>, context: Context,
        conditions: inout Conditions
    ) throws(ArithmeticError) -> DecimalNumber? {
        guard let coefficient = multiplicand.coefficient.multiplied(by: multiplier.coefficient) else { return nil }
        let exact = ExactDecimal(
            isNegative: multiplicand.isNegative != multiplier.isNegative, coefficient: coefficient,
            exponent: multiplicand.exponent + multiplier.exponent)
        return try rounded(exact, context: context, conditions: &conditions)
    }

    /// GDA `divide`: the quotient to exactly precision digits, the remainder deciding the rounding;
    /// an exact quotient instead takes the exponent nearest the ideal `dividend − divisor` exponent.
    static func quotient<Coefficient>(
        _ dividend: ExactDecimal<Coefficient>, _ divisor: ExactDecimal<Coefficient>, context: Context,
        conditions: inout Conditions
    ) throws(ArithmeticError) -> DecimalNumber? {
        if divisor.coefficient.isZero {
            throw dividend.coefficient.isZero ? .invalidOperation : .divisionByZero
        }
        let isNegative = dividend.isNegative != divisor.isNegative
        let idealExponent = dividend.exponent - divisor.exponent
        if dividend.coefficient.isZero {
            let zero = ExactDecimal(isNegative: isNegative, coefficient: Coefficient.zero, exponent: idealExponent)
            return try rounded(zero, context: context, conditions: &conditions)
        }
        // Scale the dividend so the integer quotient has exactly `precision` digits. Then one
        // division gives both the digits and, from the remainder, the rounding information.
        let dividendDigits = dividend.coefficient.decimalDigitCount
        let divisorDigits = divisor.coefficient.decimalDigitCount
        guard
            let quotientGainsDigit = leadingDigitsAreAtLeast(
                dividend.coefficient, dividendDigits, divisor.coefficient, divisorDigits)
        else { return nil }
        // A dividend already longer than that is not scaled down: rounding drops the extra digits.
        let scale = max(0, context.precision - dividendDigits + divisorDigits - (quotientGainsDigit ? 1 : 0))
        guard let scaledDividend = dividend.coefficient.multipliedByPowerOfTen(scale) else { return nil }
        let (quotient, remainder) = scaledDividend.dividedWithRemainder(by: divisor.coefficient)
        let exponent = idealExponent - scale
        if !remainder.isZero {
            let exact = ExactDecimal(isNegative: isNegative, coefficient: quotient, exponent: exponent)
            let tail = DiscardedDigits.classify(remainder: remainder, divisor: divisor.coefficient)
            return try rounded(exact, tail: tail, context: context, conditions: &conditions)
        }
        // Exact: remove the zeros the scaling introduced, but not past the ideal exponent.
        let (stripped, removedCount) = quotient.removingTrailingZeros(upTo: scale)
        let exact = ExactDecimal(isNegative: isNegative, coefficient: stripped, exponent: exponent + removedCount)
        return try rounded(exact, context: context, conditions: &conditions)
    }

    /// Whether `dividend`'s digits, read as a fraction 0.d₁d₂…, are at least `divisor`'s: exactly
    /// when the quotient has one digit more than the difference of their lengths suggests.
    private static func leadingDigitsAreAtLeast<Coefficient: DecimalCoefficient>(
        _ dividend: Coefficient, _ dividendDigits: Int, _ divisor: Coefficient, _ divisorDigits: Int
    ) -> Bool? {
        // Pad the shorter to the longer one's length; neither then exceeds its own type's reach.
        if dividendDigits >= divisorDigits {
            guard let paddedDivisor = divisor.multipliedByPowerOfTen(dividendDigits - divisorDigits) else { return nil }
            return dividend >= paddedDivisor
        }
        guard let paddedDividend = dividend.multipliedByPowerOfTen(divisorDigits - dividendDigits) else { return nil }
        return paddedDividend >= divisor
    }
}
