// Writes values as CSV (RFC 4180): lists of records and statements as rows, exact decimals.

/// CSV output for `rules run --format csv`. Amounts are plain exact decimals (money padded to
/// its minor unit, without symbol or grouping) so spreadsheets read them as numbers.
public enum CSVWriter {
    public static func render(_ value: Value) -> String {
        if StatementPrinter.isStatementList(value) {
            let (header, rows) = StatementPrinter.rows(value)
            return ([header.map(field)] + rows.map { $0.map { $0.map(cell) ?? "" }.map(field) })
                .map { $0.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
        }
        switch value {
        case .list(let items):
            let records = items.compactMap { if case .record(let record) = $0 { record } else { nil } }
            guard records.count == items.count, !records.isEmpty else {
                return "value\r\n" + items.map { field(cell($0)) + "\r\n" }.joined()
            }
            let columns = TablePrinter.columnNames(records)
            let rows = records.map { record in columns.map { record[$0].map(cell) ?? "" }.map(field).joined(separator: ",") }
            return ([columns.map(field).joined(separator: ",")] + rows).joined(separator: "\r\n") + "\r\n"
        case .record(let record):
            return "field,value\r\n" + zip(record.shape.fieldNames, record.values).map { field($0) + "," + field(cell($1)) + "\r\n" }.joined()
        default:
            return "value\r\n" + field(cell(value)) + "\r\n"
        }
    }

    /// One cell's text: numbers exact, money as its amount, percents as fractions, records by id.
    public static func cell(_ value: Value) -> String {
        switch value {
        case .number(let number): return Value.unsignedZero(number).plainDescription
        // A fraction, as spreadsheets hold percentages; above 1 with `%`, since a bare number
        // above 1 in a Percent column reads as a slip.
        case .percent(let number):
            guard number.magnitude.compare(.one) > 0, let percent = number.scaled(byPowerOfTen: 2) else {
                return Value.unsignedZero(number).plainDescription
            }
            return percent.plainDescription + "%"
        case .money(let signed, let currency):
            let amount = Value.unsignedZero(signed)
            guard -amount.exponent < currency.minorDigits,
                  let padded = try? amount.quantized(exponent: -currency.minorDigits, rounding: .halfEven) else { return amount.plainDescription }
            return padded.plainDescription
        case .text(let text): return text
        default: return TablePrinter.cell(value)
        }
    }

    /// Quotes a field when it holds a comma, quote or line break.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingQuotes() + "\""
    }
}

extension String {
    fileprivate func replacingQuotes() -> String {
        var result = ""
        for character in self {
            if character == "\"" { result += "\"\"" } else { result.append(character) }
        }
        return result
    }
}
