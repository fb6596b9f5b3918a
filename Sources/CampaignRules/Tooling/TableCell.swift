// How an amount reads in a table column: money to its minor unit, percents to two decimals, `≈` when rounded.

/// The display form of values in table columns (the table format and the REPL).
///
/// A column is read down, so its amounts share one precision: money to its currency's minor
/// unit (`$39.80`, not `$39.8000`), percents with two decimals (`8.70%`, `813.48%`). When that
/// drops a nonzero digit the cell starts with `≈` (`≈$3.33`), rounding half-even as
/// explanations do; the exact values are in `--format json` and `csv` and in `--explain`. In a
/// money column, a number zero (the sum of an empty list) shows as that money (`$0.00`).
/// Everything else reads as `TablePrinter.cell` shows it.
enum TableCell {
    /// What a column holds, as far as its display depends on it: money of one currency,
    /// with number zeros allowed among it, or anything else.
    struct ColumnKind {
        private var money: Currency?
        private var mixed = false

        /// The currency when every value seen is money of it or a number zero, and one is money.
        var currency: Currency? { mixed ? nil : money }

        mutating func include(_ value: Value) {
            switch value {
            case .money(_, let currency):
                if money == nil { money = currency } else if money != currency { mixed = true }
            case .number(let number) where number.isZero:
                break
            default:
                mixed = true
            }
        }
    }

    /// The cell's text.
    static func text(_ value: Value, moneyColumn: Currency? = nil) -> String {
        let buffer = ByteBuffer()
        append(value, moneyColumn: moneyColumn, to: buffer)
        return buffer.text
    }

    /// Appends the cell's text.
    static func append(_ value: Value, moneyColumn: Currency? = nil, to buffer: ByteBuffer) {
        switch value {
        case .money(let amount, let currency):
            appendMoney(amount, currency, to: buffer)
        case .percent(let fraction):
            appendPercent(fraction, to: buffer)
        case .number(let number) where number.isZero && moneyColumn != nil:
            if let currency = moneyColumn { appendMoney(.zero, currency, to: buffer) }
        default:
            buffer.append(TablePrinter.cell(value))
        }
    }

    /// Money to the minor unit: `$39.8000` is `$39.80`, `$3.333…` is `≈$3.33`.
    static func appendMoney(_ amount: DecimalNumber, _ currency: Currency, to buffer: ByteBuffer) {
        let (shown, approximate) = rounded(amount, exponent: -CurrencyText.minorDigits(currency))
        if approximate { buffer.append("≈") }
        DecimalText.appendMoney(shown, currency, grouping: UInt8(ascii: ","), padMinor: true, to: buffer)
    }

    /// A percentage with two decimals: 0.087 is `8.70%`, 8.134772… is `≈813.48%`.
    static func appendPercent(_ fraction: DecimalNumber, to buffer: ByteBuffer) {
        guard let hundredfold = Value.unsignedZero(fraction).scaled(byPowerOfTen: 2) else {
            DecimalText.appendPercent(fraction, to: buffer)
            return
        }
        let (shown, approximate) = rounded(hundredfold, exponent: -2)
        if approximate { buffer.append("≈") }
        DecimalText.appendPlain(Value.unsignedZero(shown), to: buffer)
        buffer.append(UInt8(ascii: "%"))
    }

    /// The value at `exponent` (padded or rounded half-even) and whether rounding changed it;
    /// the value itself when it cannot be written at that exponent.
    private static func rounded(_ value: DecimalNumber, exponent: Int) -> (DecimalNumber, Bool) {
        if value.exponent == exponent { return (value, false) }
        guard let shown = try? value.quantized(exponent: exponent, rounding: .halfEven) else { return (value, false) }
        return (shown, shown.compare(value) != 0)
    }
}
