// Helpers the language needs on top of the decimal core: scaling literals, whole-number tests.

extension DecimalNumber {
    /// The largest adjusted exponent the language allows (that of decimal128).
    static let maximumAdjustedExponent = 6144

    /// `self × 10^power` exactly, by moving the exponent; nil when it leaves the exponent range.
    func scaled(byPowerOfTen power: Int) -> DecimalNumber? {
        let exponent = self.exponent + power
        let adjusted = exponent + max(1, coefficient.decimalDigitCount) - 1
        guard abs(adjusted) <= DecimalNumber.maximumAdjustedExponent, abs(exponent) <= 2 * DecimalNumber.maximumAdjustedExponent else {
            return nil
        }
        return DecimalNumber(isNegative: isNegative, coefficient: coefficient, exponent: exponent)
    }

    /// True when the value has no fractional part (`12.00` is whole).
    var isWhole: Bool {
        guard exponent < 0 else { return true }
        guard let truncated = try? quantized(exponent: 0, rounding: .down) else { return false }
        return truncated.compare(self) == 0
    }

    /// The whole part toward zero, as an Int (0 when it does not fit, which callers bound first).
    var integerPart: Int {
        (try? quantized(exponent: 0, rounding: .down))?.integerValue ?? 0
    }

    /// `-x` in a context: the sign flipped and, like every other operation, the result rounded
    /// to the context's precision (GDA `minus`), so a 34-digit literal negated has 28 digits.
    func negated(context: Context) -> DecimalNumber {
        roundedToPrecision(negated(), context: context)
    }

    /// `abs(x)` in a context, rounded to its precision as `negated(context:)` is (GDA `abs`).
    func magnitude(context: Context) -> DecimalNumber {
        roundedToPrecision(magnitude, context: context)
    }

    /// The value itself when its digits fit the context (nearly always), or rounded to it
    /// as GDA `plus` does: added to a zero of the same exponent.
    private func roundedToPrecision(_ value: DecimalNumber, context: Context) -> DecimalNumber {
        guard value.coefficient.decimalDigitCount > context.precision else { return value }
        let zero = DecimalNumber(isNegative: false, coefficient: 0, exponent: value.exponent)
        // Rounding a value to fewer digits cannot leave the exponent range it is in.
        return (try? zero.adding(value, context: context)) ?? value
    }
}
