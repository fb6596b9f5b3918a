// Rounding: the kernel's single rounding step, GDA quantize, and DecimalNumber's rounded(places:).

extension DecimalNumber {
    /// The value with exactly the given exponent, rounding with `rounding` if digits must go (GDA `quantize`).
    ///
    /// Throws `invalidOperation` when the result would need more than the context's precision
    /// or the exponent lies outside the context's range: quantize never silently changes the
    /// exponent it was asked for.
    public func quantized(exponent: Int, rounding: RoundingMode, context: Context = .language)
        throws(ArithmeticError) -> DecimalNumber
    {
        var conditions = Conditions()
        return try quantized(exponent: exponent, rounding: rounding, context: context, conditions: &conditions)
    }

    /// The quantized value, also inserting the conditions it raises into `conditions`.
    public func quantized(
        exponent: Int, rounding: RoundingMode, context: Context = .language, conditions: inout Conditions
    ) throws(ArithmeticError) -> DecimalNumber {
        let compact = try DecimalKernel.quantized(
            ExactDecimal(compact: self), exponent: exponent, rounding: rounding, context: context,
            conditions: &conditions)
        if let compact { return compact }
        return try WideDecimal(self).quantized(
            exponent: exponent, rounding: rounding, context: context, conditions: &conditions)
    }

    /// The value rounded to `places` digits after the decimal point: `quantized(exponent: -places)`.
    ///
    /// Like quantize it also lengthens: `5` rounded to 2 places is `5.00`, which is what money
    /// needs. A negative `places` rounds to tens, hundreds, …; `1234` to −2 places is `1.2E+3`.
    @inline(__always)
    public func rounded(places: Int, rounding: RoundingMode, context: Context = .language)
        throws(ArithmeticError) -> DecimalNumber
    {
        if places.magnitude < 1_000, let quick = DecimalFastPath.quantized(self, exponent: -places, rounding: rounding, context: context) {
            return quick
        }
        var conditions = Conditions()
        return try rounded(places: places, rounding: rounding, context: context, conditions: &conditions)
    }

    /// The rounded value, also inserting the conditions it raises into `conditions`.
    public func rounded(
        places: Int, rounding: RoundingMode, context: Context = .language, conditions: inout Conditions
    ) throws(ArithmeticError) -> DecimalNumber {
        let (exponent, overflow) = 0.subtractingReportingOverflow(places)
        if overflow { throw .invalidOperation }
        return try quantized(exponent: exponent, rounding: rounding, context: context, conditions: &conditions)
    }
}

extension DecimalNumber.RoundingMode {
    /// Whether a value that lost nonzero low digits must move one unit away from zero.
    func incrementsMagnitude<Coefficient: DecimalCoefficient>(
        of kept: Coefficient, isNegative: Bool, discarded: DiscardedDigits
    ) -> Bool {
        switch self {
        case .down: false
        case .up: true
        case .ceiling: !isNegative
        case .floor: isNegative
        case .halfUp: discarded >= .half
        case .halfDown: discarded == .aboveHalf
        case .halfEven: discarded == .aboveHalf || (discarded == .half && kept.lastDecimalDigit % 2 == 1)
        case .zeroFiveUp: kept.lastDecimalDigit % 5 == 0
        }
    }
}

extension DecimalKernel {
    /// Rounds an exact result to the context and checks its range: the last step of every arithmetic operation.
    ///
    /// `tail` describes what the exact value has below its coefficient's last digit, measured
    /// in units of that digit (a division remainder); it is `.zero` when the coefficient is the
    /// whole value. Subnormal results are rounded to GDA's Etiny in the same single step, so
    /// they are never rounded twice.
    static func rounded<Coefficient>(
        _ exact: ExactDecimal<Coefficient>, tail: DiscardedDigits = .zero, context: Context,
        conditions: inout Conditions
    ) throws(ArithmeticError) -> DecimalNumber? {
        if exact.coefficient.isZero && tail == .zero {
            return zero(
                isNegative: exact.isNegative, exponent: exact.exponent, context: context, conditions: &conditions)
        }
        let digitCount = exact.coefficient.decimalDigitCount
        var dropCount = max(digitCount - context.precision, 0)
        // GDA judges subnormality on the exact value, before rounding.
        let isSubnormal = exact.exponent + digitCount - 1 < context.minExponent
        if isSubnormal {
            dropCount = max(dropCount, context.tinyExponent - exact.exponent)
        }
        if dropCount == 0 && tail == .zero {
            // The fast path: already short enough, so only the exponent range needs checking.
            guard let coefficient = exact.coefficient.compactValue else { return nil }
            return try finished(
                isNegative: exact.isNegative, coefficient: coefficient, digitCount: digitCount,
                exponent: exact.exponent, raising: isSubnormal ? .subnormal : [], context: context,
                conditions: &conditions)
        }
        var (kept, discarded) = exact.coefficient.droppingLowDigits(dropCount)
        if tail != .zero {
            // Below dropped digits the tail only says "something nonzero"; with none dropped it is all there is.
            discarded = dropCount > 0 ? discarded.includingNonzeroTail : tail
        }
        var raised: Conditions = isSubnormal ? [.rounded, .subnormal] : .rounded
        var exponent = exact.exponent + dropCount
        if discarded != .zero {
            raised.insert(.inexact)
            if context.rounding.incrementsMagnitude(of: kept, isNegative: exact.isNegative, discarded: discarded) {
                guard let incremented = kept.adding(Coefficient.one) else { return nil }
                kept = incremented
                if kept.decimalDigitCount > context.precision {
                    // 99…9 carried into 10…0, one digit too many: drop a zero, as GDA does.
                    kept = kept.droppingLowDigits(1).kept
                    exponent += 1
                }
            }
        }
        guard let coefficient = kept.compactValue else { return nil }
        if isSubnormal && raised.contains(.inexact) { raised.insert(.underflow) }
        if coefficient == 0 {
            // Only a subnormal value can round away entirely.
            raised.insert(.clamped)
            conditions.formUnion(raised)
            return DecimalNumber(isNegative: exact.isNegative, coefficient: 0, storedExponent: Int32(exponent))
        }
        return try finished(
            isNegative: exact.isNegative, coefficient: coefficient, digitCount: coefficient.decimalDigitCount,
            exponent: exponent, raising: raised, context: context, conditions: &conditions)
    }

    /// Checks a rounded nonzero result against the largest exponent and builds it.
    private static func finished(
        isNegative: Bool, coefficient: UInt128, digitCount: Int, exponent: Int, raising raised: Conditions,
        context: Context, conditions: inout Conditions
    ) throws(ArithmeticError) -> DecimalNumber {
        if exponent + digitCount - 1 > context.maxExponent { throw .overflow }
        conditions.formUnion(raised)
        // The range checks above bound the exponent by ±(999,999,999 + 33), inside Int32.
        return DecimalNumber(isNegative: isNegative, coefficient: coefficient, storedExponent: Int32(exponent))
    }

    /// A zero result, its exponent clamped into the range a zero may have.
    private static func zero(isNegative: Bool, exponent: Int, context: Context, conditions: inout Conditions)
        -> DecimalNumber
    {
        let clampedExponent = min(max(exponent, context.tinyExponent), context.maxExponent)
        if clampedExponent != exponent { conditions.insert(.clamped) }
        return DecimalNumber(isNegative: isNegative, coefficient: 0, storedExponent: Int32(clampedExponent))
    }

    /// GDA `quantize`: the value at exactly `targetExponent`, rounded with `rounding` if digits must go.
    static func quantized<Coefficient>(
        _ value: ExactDecimal<Coefficient>, exponent targetExponent: Int, rounding: DecimalNumber.RoundingMode,
        context: Context, conditions: inout Conditions
    ) throws(ArithmeticError) -> DecimalNumber? {
        guard targetExponent >= context.tinyExponent && targetExponent <= context.maxExponent else {
            throw .invalidOperation
        }
        var raised: Conditions = []
        let coefficient: Coefficient
        if value.coefficient.isZero {
            coefficient = .zero
        } else if targetExponent <= value.exponent {
            // Lengthening is exact, but every added digit counts against the precision.
            let shift = value.exponent - targetExponent
            guard shift < context.precision else { throw .invalidOperation }
            guard let scaled = value.coefficient.multipliedByPowerOfTen(shift) else { return nil }
            coefficient = scaled
        } else {
            var (kept, discarded) = value.coefficient.droppingLowDigits(targetExponent - value.exponent)
            raised.insert(.rounded)
            if discarded != .zero {
                raised.insert(.inexact)
                if rounding.incrementsMagnitude(of: kept, isNegative: value.isNegative, discarded: discarded) {
                    guard let incremented = kept.adding(Coefficient.one) else { return nil }
                    kept = incremented
                }
            }
            coefficient = kept
        }
        // Too many digits, or (Python's reading of GDA) a result beyond the largest exponent.
        guard coefficient < Coefficient(compact: PowersOfTen.uint128[context.precision]) else {
            throw .invalidOperation
        }
        guard let compact = coefficient.compactValue else { return nil }
        if targetExponent > context.maxExponent - context.precision || targetExponent < context.minExponent {
            // Near either end of the range the digit count decides; elsewhere no count is needed.
            let adjustedExponent = targetExponent + compact.decimalDigitCount - 1
            if adjustedExponent > context.maxExponent { throw .invalidOperation }
            if compact != 0 && adjustedExponent < context.minExponent { raised.insert(.subnormal) }
        }
        conditions.formUnion(raised)
        return DecimalNumber(isNegative: value.isNegative, coefficient: compact, storedExponent: Int32(targetExponent))
    }
}
