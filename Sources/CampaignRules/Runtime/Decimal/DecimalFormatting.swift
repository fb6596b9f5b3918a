// Writing DecimalNumber as text: GDA's to-scientific-string and a plain form that never uses an exponent.

extension DecimalNumber: CustomStringConvertible {
    /// The plain form, because people reading amounts expect `1230`, not `1.23E+3`.
    public var description: String { plainDescription }

    /// GDA's to-scientific-string, which shows the exact representation: `0E+2`, `1.23E+3`, `-0.00`, `1E-7`.
    ///
    /// Every distinct (sign, coefficient, exponent) gives a distinct string, so this is the
    /// form to compare when the representation matters, as in the GDA conformance tests.
    public var scientificDescription: String {
        let digits = String(coefficient)
        let adjusted = exponent + digits.utf8.count - 1
        var text = isNegative ? "-" : ""
        if exponent <= 0 && adjusted >= -6 {
            text += Self.insertingPoint(into: digits, fractionDigitCount: -exponent)
        } else {
            text += digits.prefix(1)
            if digits.utf8.count > 1 {
                text += "."
                text += digits.dropFirst()
            }
            text += adjusted >= 0 ? "E+" : "E-"
            text += String(adjusted.magnitude)
        }
        return text
    }

    /// The value without an exponent, keeping its trailing zeros: `0.0000001`, `1230`, `-0.50`.
    ///
    /// A zero with a positive exponent prints as `0`. The string has about `|exponent|` characters,
    /// so it suits the language's range (±6144), not the extremes a custom context allows.
    public var plainDescription: String {
        let sign = isNegative ? "-" : ""
        if exponent >= 0 {
            if isZero { return sign + "0" }
            return sign + String(coefficient) + String(repeating: "0", count: exponent)
        }
        return sign + Self.insertingPoint(into: String(coefficient), fractionDigitCount: -exponent)
    }

    /// Places a decimal point so that `fractionDigitCount` digits follow it, padding with leading zeros.
    private static func insertingPoint(into digits: String, fractionDigitCount: Int) -> String {
        if fractionDigitCount == 0 { return digits }
        let digitCount = digits.utf8.count
        if digitCount > fractionDigitCount {
            let integerPart = digits.prefix(digitCount - fractionDigitCount)
            let fractionPart = digits.suffix(fractionDigitCount)
            return integerPart + "." + fractionPart
        }
        return "0." + String(repeating: "0", count: fractionDigitCount - digitCount) + digits
    }
}
