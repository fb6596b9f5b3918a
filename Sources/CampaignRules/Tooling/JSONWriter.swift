// Writes values as JSON with exact decimals: numbers keep every digit and never pass through a float.

/// JSON output for values. Numbers and percents are JSON numbers written with their exact
/// digits; money is `{"amount": 1234.50, "currency": "USD"}`; dates and symbols are strings.
/// Plan lines and statements evaluated with explanations carry an `"explanation"` array.
public enum JSONWriter {
    public static func value(_ value: Value) -> String {
        switch value {
        case .number(let number): Value.unsignedZero(number).plainDescription
        case .percent(let fraction): Value.unsignedZero(fraction).plainDescription
        case .money(let amount, let currency): "{\"amount\": \(Value.unsignedZero(amount).plainDescription), \"currency\": \"\(currency.code)\"}"
        case .bool(let flag): flag ? "true" : "false"
        case .text(let text): string(text)
        case .date(let date): string(date.description)
        case .timestamp(let instant): string(instant.description)
        case .symbol(let symbol): string(symbol.name)
        case .enumValue(let value): string(value.name)
        case .missing: "null"
        case .list(let items): "[" + items.map { self.value($0) }.joined(separator: ", ") + "]"
        case .record(let record):
            "{" + (zip(record.shape.fieldNames, record.values).map { "\(string($0)): \(self.value($1))" }
                + (record.explanation.map { ["\"explanation\": [" + $0.facts.map(string).joined(separator: ", ") + "]"] } ?? []))
                .joined(separator: ", ") + "}"
        case .tierTable(let table): string("tiers \(table.name)")
        }
    }

    public static func string(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
