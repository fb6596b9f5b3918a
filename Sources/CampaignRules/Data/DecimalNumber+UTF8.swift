// Reading a decimal straight from UTF-8 bytes, so data import parses cells without making strings.

extension DecimalNumber {
    /// Reads a decimal from UTF-8 bytes with exactly the syntax and limits of `parse(_: Substring)`.
    ///
    /// A data file holds millions of short amounts such as `1234.50`; those (a sign, at most 19
    /// digits and one point) are read here into a 64-bit coefficient with no allocation.
    /// Anything else (an exponent, more digits, junk) goes through the general scanner, which
    /// stays the one definition of the syntax.
    static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> DecimalNumber? {
        if let plain = plainDecimal(bytes) { return plain }
        let text = String(decoding: bytes, as: UTF8.self)
        return parse(Substring(text))
    }

    /// `[sign] digits ["." [digits]] | [sign] "." digits` with at most 19 digits, or nil.
    ///
    /// Nil means "not this simple form", not "invalid": the caller falls back to the full scanner.
    /// Every cell type that holds a decimal (Number, Percent, Money) reads this form as exactly
    /// this value, which is why data import tries it first.
    @inline(__always)
    static func plainDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> DecimalNumber? {
        var index = 0
        var isNegative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            isNegative = first == UInt8(ascii: "-")
            index = 1
        }
        var coefficient: UInt64 = 0
        var digitCount = 0
        var fractionDigitCount = 0
        var sawPoint = false
        while index < bytes.count {
            let byte = bytes[index]
            let digit = byte &- UInt8(ascii: "0")
            if digit < 10 {
                // 19 digits always fit in a UInt64; a longer run is left to the general scanner.
                guard digitCount < 19 else { return nil }
                coefficient = coefficient &* 10 &+ UInt64(digit)
                digitCount += 1
                if sawPoint { fractionDigitCount += 1 }
            } else if byte == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else {
                return nil
            }
            index += 1
        }
        guard digitCount > 0 else { return nil }
        return DecimalNumber(
            isNegative: isNegative, coefficient: UInt128(coefficient), storedExponent: Int32(-fractionDigitCount))
    }
}
