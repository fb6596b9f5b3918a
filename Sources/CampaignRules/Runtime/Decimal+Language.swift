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
}
