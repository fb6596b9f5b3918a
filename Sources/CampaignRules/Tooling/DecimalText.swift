// Decimals written straight into a byte buffer, in the forms `Value.description` gives them.

/// The text of numbers, percents and money appended to bytes without building a `String`.
///
/// Printing a million statements formats several million amounts; going through
/// `plainDescription` costs a few string allocations each, which was most of the time such an
/// output took. Every function here appends exactly the UTF-8 of its `String` counterpart
/// (`plainDescription`, `Value.percentText`, `Value.moneyText`), which the tests check.
enum DecimalText {
    /// `value.plainDescription`: no exponent, trailing zeros kept (`-0.50`, `1230`).
    static func appendPlain(_ value: DecimalNumber, to buffer: ByteBuffer) {
        if value.isNegative { buffer.append(UInt8(ascii: "-")) }
        appendMagnitude(value, grouping: nil, to: buffer)
    }

    /// A number as `Value.description` shows it: plain, zero without a sign.
    static func appendNumber(_ value: DecimalNumber, to buffer: ByteBuffer) {
        appendPlain(Value.unsignedZero(value), to: buffer)
    }

    /// A percent as `Value.description` shows it: the hundredfold value and `%` (0.125 is `12.5%`).
    static func appendPercent(_ fraction: DecimalNumber, to buffer: ByteBuffer) {
        let value = Value.unsignedZero(fraction)
        appendPlain(value.scaled(byPowerOfTen: 2) ?? value, to: buffer)
        buffer.append(UInt8(ascii: "%"))
    }

    /// Money as `Value.moneyText` writes it: sign, symbol (or a trailing code), digits grouped
    /// by `grouping` when given, padded to the minor unit when `padMinor`.
    static func appendMoney(_ value: DecimalNumber, _ currency: Currency, grouping: UInt8?, padMinor: Bool, to buffer: ByteBuffer) {
        var magnitude = value.magnitude
        let minorDigits = CurrencyText.minorDigits(currency)
        if padMinor, -magnitude.exponent < minorDigits,
            let padded = try? magnitude.quantized(exponent: -minorDigits, rounding: .halfEven)
        {
            magnitude = padded
        }
        if value.isNegative && !value.isZero { buffer.append(UInt8(ascii: "-")) }
        let symbol = CurrencyText.hasSymbol(currency)
        if symbol { CurrencyText.appendSymbol(currency, to: buffer) }
        appendMagnitude(magnitude, grouping: grouping, to: buffer)
        if !symbol {
            buffer.append(UInt8(ascii: " "))
            CurrencyText.appendCode(currency, to: buffer)
        }
    }

    /// Money as a CSV or JSON amount: plain, zero without a sign, padded to the minor unit.
    static func appendAmount(_ signed: DecimalNumber, _ currency: Currency, to buffer: ByteBuffer) {
        let amount = Value.unsignedZero(signed)
        let minorDigits = CurrencyText.minorDigits(currency)
        guard -amount.exponent < minorDigits,
            let padded = try? amount.quantized(exponent: -minorDigits, rounding: .halfEven)
        else {
            appendPlain(amount, to: buffer)
            return
        }
        appendPlain(padded, to: buffer)
    }

    /// The plain digits of the value without its sign, grouped when `grouping` is given.
    ///
    /// The length is worked out first and the digits written from the last, straight into the
    /// buffer; coefficients above 64 bits and very long expansions take the `String` path.
    @inline(__always)
    private static func appendMagnitude(_ value: DecimalNumber, grouping: UInt8?, to buffer: ByteBuffer) {
        let exponent = value.exponent
        guard value.coefficientHigh == 0, exponent.magnitude <= UInt(maximumPadding) else {
            let plain = value.magnitude.plainDescription
            buffer.append(grouping.map { Value.groupThousands(plain, separator: Character(Unicode.Scalar($0))) } ?? plain)
            return
        }
        let coefficient = value.coefficientLow
        let digits = PowersOfTen.digitCount(of: coefficient)
        let fractionDigits = max(0, -exponent)
        // A zero with a positive exponent is written `0`, as `plainDescription` writes it.
        let trailingZeros = coefficient == 0 ? 0 : max(0, exponent)
        let integerDigits = exponent < 0 ? max(1, digits - fractionDigits) : digits + trailingZeros
        let separators = grouping == nil ? 0 : (integerDigits - 1) / 3
        let length = integerDigits + separators + (fractionDigits > 0 ? 1 + fractionDigits : 0)
        buffer.write(atMost: length) { start in
            var position = start + length
            var rest = coefficient
            if fractionDigits > 0 {
                for _ in 0..<fractionDigits {
                    position -= 1
                    position.pointee = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                    rest /= 10
                }
                position -= 1
                position.pointee = UInt8(ascii: ".")
            }
            for written in 0..<integerDigits {
                if let grouping, written > 0, written % 3 == 0 {
                    position -= 1
                    position.pointee = grouping
                }
                position -= 1
                if written < trailingZeros {
                    position.pointee = UInt8(ascii: "0")
                } else {
                    position.pointee = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                    rest /= 10
                }
            }
            return length
        }
    }

    /// Exponents up to this size are written directly: at most 20 digits, these zeros, a point
    /// and separators.
    private static let maximumPadding = 48
}
