// How values read: for people (`$1,234.50`, `12.5%`) and as rule-file literals (`$1_234.5`).

extension Value: CustomStringConvertible {
    /// The display form used in test failures, tables and the REPL.
    public var description: String {
        switch self {
        case .number(let value): Value.unsignedZero(value).plainDescription
        case .percent(let value): Value.percentText(Value.unsignedZero(value))
        case .money(let value, let currency): Value.moneyText(value, currency, grouping: ",", padMinor: true)
        case .bool(let value): value ? "true" : "false"
        case .text(let value): Value.quoted(value)
        case .date(let value): value.description
        case .timestamp(let value): value.description
        case .symbol(let value): value.name
        case .enumValue(let value): value.name
        case .missing: "(missing)"
        case .list(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .record(let record): Value.recordText(record, item: \.description)
        case .tierTable(let table): "tiers \(table.name)"
        }
    }

    /// The form a rule file would use to write this value (`$5`, `12.5%`, `"ava"`).
    public var literalDescription: String {
        switch self {
        case .money(let value, let currency): Value.moneyText(value, currency, grouping: "_", padMinor: false)
        case .list(let items): "[" + items.map(\.literalDescription).joined(separator: ", ") + "]"
        case .record(let record): Value.recordText(record, item: \.literalDescription)
        default: description
        }
    }

    /// Text without quotes, for table cells and `rules run` output.
    public var plainText: String {
        if case .text(let value) = self { return value }
        return description
    }

    /// Zero prints without a sign: `-0` is an artefact of arithmetic, not a value anyone means.
    static func unsignedZero(_ value: DecimalNumber) -> DecimalNumber {
        value.isZero ? value.magnitude : value
    }

    static func percentText(_ value: DecimalNumber) -> String {
        let hundredfold = value.scaled(byPowerOfTen: 2) ?? value
        return hundredfold.plainDescription + "%"
    }

    static func moneyText(_ value: DecimalNumber, _ currency: Currency, grouping: Character, padMinor: Bool) -> String {
        var magnitude = value.magnitude
        if padMinor, -magnitude.exponent < currency.minorDigits,
            let padded = try? magnitude.quantized(exponent: -currency.minorDigits, rounding: .halfEven)
        {
            magnitude = padded
        }
        let digits = groupThousands(magnitude.plainDescription, separator: grouping)
        let sign = value.isNegative && !value.isZero ? "-" : ""
        if let symbol = currency.symbol { return sign + symbol + digits }
        return sign + digits + " " + currency.code
    }

    /// Inserts a separator every three digits of the integer part.
    static func groupThousands(_ plain: String, separator: Character) -> String {
        let parts = plain.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integer = Array(parts[0])
        var grouped = ""
        for (offset, digit) in integer.enumerated() {
            if offset > 0, (integer.count - offset) % 3 == 0 { grouped.append(separator) }
            grouped.append(digit)
        }
        return parts.count > 1 ? grouped + "." + parts[1] : grouped
    }

    static func quoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            switch character {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default: result.append(character)
            }
        }
        return result + "\""
    }

    static func recordText(_ record: RecordValue, item: (Value) -> String) -> String {
        let fields = zip(record.shape.fieldNames, record.values).map { "\($0): \(item($1))" }
        return "{" + fields.joined(separator: ", ") + "}"
    }
}
