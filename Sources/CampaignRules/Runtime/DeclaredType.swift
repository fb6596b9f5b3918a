// Types written in declarations, and the conversion of given values and data into them.

/// A type as declared for an input or a record field, used to convert values that arrive
/// from outside the rule file (`given`, `--set`, data files, the embedding API).
public indirect enum DeclaredType: Sendable {
    case number, percent, money(Currency), bool, text, date, platform, tier
    /// Any value at all; for host functions that take records or lists of any shape.
    case any
    case list(DeclaredType)
    case record(RecordDescriptor)

    /// A declared record type: its runtime shape and each field's type and default.
    public final class RecordDescriptor: Sendable {
        public struct Field: Sendable {
            public let name: String
            public let type: DeclaredType
            public let defaultValue: Value?
        }
        public let name: String
        public let shape: RecordShape
        public let fields: [Field]

        init(name: String, shape: RecordShape, fields: [Field]) {
            self.name = name
            self.shape = shape
            self.fields = fields
        }
    }

    public var name: String {
        switch self {
        case .number: "Number"
        case .percent: "Percent"
        case .money: "Money"
        case .bool: "Bool"
        case .text: "Text"
        case .date: "Date"
        case .platform: "Platform"
        case .tier: "Tier"
        case .any: "any value"
        case .list(let element): "list of \(element.name)"
        case .record(let descriptor): descriptor.name
        }
    }

    /// A value of the type as a rule file writes it, for messages: `$30_000`, `7.5%`.
    public var example: String {
        switch self {
        case .number: "`30000`"
        case .percent: "`7.5%`"
        case .money(let currency): "`\(Value.money(DecimalNumber(30_000), currency).literalDescription)`"
        case .bool: "`true`"
        case .text: "`\"ava\"`"
        case .date: "`2026-03-01`"
        case .platform: "`tiktok`"
        case .tier: "`micro`"
        case .any: "`1`"
        case .list(let element): "`[\(element.example.dropFirst().dropLast())]`"
        case .record(let descriptor): "`{\(descriptor.fields.first.map { "\($0.name): \($0.type.example.dropFirst().dropLast())" } ?? "")}`"
        }
    }

    /// The unit of an amount type; nil for the other types.
    var unit: Quantity.Unit? {
        switch self {
        case .number: .number
        case .percent: .percent
        case .money(let currency): .money(currency)
        default: nil
        }
    }

    var staticType: StaticType {
        switch self {
        case .number: .number
        case .percent: .percent
        case .money(let currency): .money(currency)
        case .bool: .bool
        case .text: .text
        case .date: .date
        case .platform: .symbol(.platform)
        case .tier: .symbol(.tier)
        case .list(let element): .list(element.staticType)
        case .record, .any: .unknown
        }
    }

    /// Converts a value to this type: numbers become money or percents, text names symbols,
    /// records get their defaults; anything else that does not fit is an error.
    public func convert(_ value: Value) throws(ValueError) -> Value {
        switch (self, value) {
        case (.number, .number), (.percent, .percent), (.bool, .bool), (.text, .text), (.date, .date), (.any, _):
            return value
        case (.number, .percent(let fraction)):
            return .number(fraction)
        case (.percent, .number(let fraction)):
            if let slip = Messages.percentSlip(fraction) { throw ValueError(.invalidInput, slip.message, fix: slip.fix) }
            return .percent(fraction)
        case (.money(let currency), .money(_, let given)):
            guard currency == given else { throw Value.mixedCurrencies(currency, given) }
            return value
        case (.money(let currency), .number(let amount)):
            return .money(amount, currency)
        case (.platform, .symbol(let symbol)) where symbol.family == .platform, (.tier, .symbol(let symbol)) where symbol.family == .tier:
            return value
        case (.platform, .text(let name)), (.tier, .text(let name)):
            guard let symbol = Symbol.byName[name.lowercased()], symbol.family == (isPlatform ? .platform : .tier) else {
                throw ValueError(.invalidInput, "\(Value.quoted(name)) is not a \(self.name)", fix: "use one of \(symbolChoices)")
            }
            return .symbol(symbol)
        case (.list(let element), .list(let items)):
            if case .record(let descriptor) = element, case .table(let table, let rows) = items.storage {
                if table.shape === descriptor.shape { return value }
                if let reshaped = table.reshaped(as: descriptor) { return .list(ValueList(reshaped, rows: rows)) }
            }
            var converted: [Value] = []
            converted.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                do throws(ValueError) {
                    converted.append(try element.convert(item))
                } catch {
                    throw ValueError(error.kind, "item \(index + 1): \(error.message)", fix: error.fix)
                }
            }
            return .list(DeclaredType.compacted(converted, element))
        case (.record(let descriptor), .record(let record)):
            return .record(try descriptor.convert(record))
        default:
            throw ValueError(.invalidInput, "expected \(name), found \(value.kindName) \(value)")
        }
    }

    /// The value if it already is of this type (records are converted, to fill defaults), or
    /// nil. Stricter than `convert`: a function parameter declared `Money` does not turn the
    /// number 5 into `$5`; only values from outside the rule file get that leniency.
    public func accepting(_ value: Value) -> Value? {
        switch (self, value) {
        case (.number, .number), (.number, .percent), (.percent, .percent), (.percent, .number),
             (.bool, .bool), (.text, .text), (.date, .date), (.any, _):
            return value
        case (.money(let currency), .money(_, let given)):
            return currency == given ? value : nil
        case (.money, .number(let amount)), (.money, .percent(let amount)):
            return amount.isZero ? value : nil
        case (.platform, .symbol(let symbol)):
            return symbol.family == .platform ? value : nil
        case (.tier, .symbol(let symbol)):
            return symbol.family == .tier ? value : nil
        case (.list(let element), .list(let items)):
            var accepted: [Value] = []
            accepted.reserveCapacity(items.count)
            if case .record(let descriptor) = element, case .table(let table, let rows) = items.storage {
                if table.shape === descriptor.shape { return value }
                if let reshaped = table.reshaped(as: descriptor) { return .list(ValueList(reshaped, rows: rows)) }
            }
            for item in items {
                guard let kept = element.accepting(item) else { return nil }
                accepted.append(kept)
            }
            return .list(DeclaredType.compacted(accepted, element))
        case (.record(let descriptor), .record(let record)):
            return (try? descriptor.convert(record)).map(Value.record)
        default:
            return nil
        }
    }

    /// Whether a value already is of this type, so converting it would return it as it is;
    /// false for lists and records, which conversion rebuilds.
    func holdsUnchanged(_ value: Value) -> Bool {
        switch (self, value) {
        case (.number, .number), (.percent, .percent), (.bool, .bool), (.text, .text), (.date, .date), (.any, _): true
        case (.money(let currency), .money(_, let given)): currency == given
        case (.platform, .symbol(let symbol)): symbol.family == .platform
        case (.tier, .symbol(let symbol)): symbol.family == .tier
        default: false
        }
    }

    /// Records of one declared type by column (see `RecordTable`); other lists as they are.
    private static func compacted(_ items: [Value], _ element: DeclaredType) -> ValueList {
        guard case .record(let descriptor) = element, let table = RecordTable(records: items, shape: descriptor.shape) else {
            return ValueList(items)
        }
        return ValueList(table)
    }

    private var isPlatform: Bool {
        if case .platform = self { return true }
        return false
    }

    private var symbolChoices: String {
        Symbol.allCases.filter { $0.family == (isPlatform ? .platform : .tier) }.map(\.name).joined(separator: ", ")
    }
}

extension DeclaredType.RecordDescriptor {
    /// Fills defaults, converts each field, and rejects fields the type does not declare.
    func convert(_ record: RecordValue) throws(ValueError) -> RecordValue {
        if record.shape === shape { return record }
        for name in record.shape.fieldNames where shape.index(of: name) == nil {
            let suggestion = Suggestions.closest(to: name, among: fields.map(\.name))
            throw ValueError(.unknownField, "\(self.name) has no field `\(name)`",
                             fix: suggestion.map { "did you mean `\($0)`?" } ?? "declared fields: \(fields.map(\.name).joined(separator: ", "))")
        }
        var values: [Value] = []
        values.reserveCapacity(fields.count)
        for field in fields {
            if let given = record[field.name] {
                do throws(ValueError) {
                    values.append(try field.type.convert(given))
                } catch {
                    throw ValueError(error.kind, "field `\(field.name)`: \(error.message)", fix: error.fix)
                }
            } else if let fallback = field.defaultValue {
                values.append(fallback)
            } else {
                throw ValueError(.missingField, "\(self.name) needs the field `\(field.name)` (\(field.type.name))")
            }
        }
        return RecordValue(shape: shape, values: values)
    }
}
