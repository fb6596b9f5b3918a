// Reading decimal numbers from text: GDA's numeric-string syntax, exactly, for compact and wide values.

extension DecimalNumber {
    /// The largest adjusted exponent `parse` accepts: decimal128's Emax, the language's range.
    static let largestParsedAdjustedExponent = 6144
    /// The smallest exponent `parse` accepts: decimal128's Etiny (Emin − 33).
    static let smallestParsedExponent = -6176

    /// Reads `12.50`, `-1e3`, `1E-7`, `.5`, `5.` exactly, keeping the written exponent (`12.50` ≠ `12.5` in print).
    ///
    /// Returns nil, never traps, for anything malformed (empty, junk, non-ASCII digits, whitespace),
    /// for more than 38 significant digits, and for values outside decimal128's exponent range
    /// (adjusted exponent above 6144, or exponent below −6176). Nothing is rounded.
    public static func parse(_ text: Substring) -> DecimalNumber? {
        guard let exact = DecimalScanner.scan(text, as: UInt128.self),
            exact.coefficient < PowersOfTen.uint128[38],
            exact.exponent >= smallestParsedExponent,
            exact.adjustedExponent <= largestParsedAdjustedExponent
        else { return nil }
        return DecimalNumber(
            isNegative: exact.isNegative, coefficient: exact.coefficient, storedExponent: Int32(exact.exponent))
    }

    /// Reads a whole string; see `parse(_: Substring)`.
    public static func parse(_ text: String) -> DecimalNumber? {
        parse(Substring(text))
    }
}

/// The one scanner for GDA numeric strings, generic so compact and wide values parse alike.
enum DecimalScanner {
    /// Exponent digits beyond this magnitude are not accumulated further: such a number is out
    /// of every range anyway, and saturating keeps `1e99999999999999999999` from overflowing.
    private static let exponentSaturation = 1_000_000_000_000

    /// `numeric-string = [sign] (digits ["." [digits]] | "." digits) [("e" | "E") [sign] digits]`
    ///
    /// Returns nil for malformed text or a coefficient that `Coefficient` cannot hold.
    static func scan<Coefficient: DecimalCoefficient>(_ text: Substring, as type: Coefficient.Type)
        -> ExactDecimal<Coefficient>?
    {
        // Scanning raw UTF-8 bytes avoids a String index call per character.
        if let result = text.utf8.withContiguousStorageIfAvailable({ scan($0, as: type) }) {
            return result
        }
        var copy = String(text)
        return copy.withUTF8 { scan($0, as: type) }
    }

    private static func scan<Coefficient: DecimalCoefficient>(
        _ bytes: UnsafeBufferPointer<UInt8>, as _: Coefficient.Type
    ) -> ExactDecimal<Coefficient>? {
        var index = 0
        var isNegative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            isNegative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }

        // Digits gather in a UInt64 chunk of up to 19 and are folded into the coefficient a chunk
        // at a time, so a typical amount costs one coefficient operation, not one per digit.
        var coefficient = Coefficient.zero
        var chunk: UInt64 = 0
        var chunkLength = 0
        var sawDigit = false
        var sawPoint = false
        var fractionDigitCount = 0
        while index < bytes.count {
            let byte = bytes[index]
            if let digit = decimalDigit(byte) {
                sawDigit = true
                if sawPoint { fractionDigitCount += 1 }
                // Leading zeros carry no value and do not count toward any digit limit.
                if digit != 0 || chunkLength > 0 || !coefficient.isZero {
                    chunk = chunk &* 10 &+ UInt64(digit)
                    chunkLength += 1
                    if chunkLength == 19 {
                        guard let folded = fold(chunk, length: chunkLength, into: coefficient) else { return nil }
                        (coefficient, chunk, chunkLength) = (folded, 0, 0)
                    }
                }
            } else if byte == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else {
                break
            }
            index += 1
        }
        guard sawDigit, let value = fold(chunk, length: chunkLength, into: coefficient) else { return nil }

        var writtenExponent = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            guard let (exponent, end) = scanExponent(bytes, from: index + 1) else { return nil }
            writtenExponent = exponent
            index = end
        }
        guard index == bytes.count else { return nil }
        return ExactDecimal(isNegative: isNegative, coefficient: value, exponent: writtenExponent - fractionDigitCount)
    }

    /// `coefficient × 10^length + chunk`, or nil when that does not fit.
    private static func fold<Coefficient: DecimalCoefficient>(
        _ chunk: UInt64, length: Int, into coefficient: Coefficient
    ) -> Coefficient? {
        if coefficient.isZero { return Coefficient(compact: UInt128(chunk)) }
        return coefficient.multipliedByPowerOfTen(length)?.adding(Coefficient(compact: UInt128(chunk)))
    }

    /// `[sign] digits`, saturating at `exponentSaturation` so any length of digits is safe.
    private static func scanExponent(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (value: Int, end: Int)? {
        var index = start
        var isNegative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            isNegative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var magnitude = 0
        var sawDigit = false
        while index < bytes.count, let digit = decimalDigit(bytes[index]) {
            sawDigit = true
            magnitude = min(magnitude * 10 + Int(digit), exponentSaturation)
            index += 1
        }
        guard sawDigit else { return nil }
        return (isNegative ? -magnitude : magnitude, index)
    }

    /// The value of an ASCII digit; any other byte, including those of non-ASCII digits, is not one.
    private static func decimalDigit(_ byte: UInt8) -> UInt8? {
        let value = byte &- UInt8(ascii: "0")
        return value < 10 ? value : nil
    }
}
