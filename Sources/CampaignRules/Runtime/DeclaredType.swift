// Types written in declarations, and the conversion of given values and data into them.

/// A type as declared for an input or a record field, used to convert values that arrive
/// from outside the rule file (`given`, `--set`, data files, the embedding API).
public indirect enum DeclaredType: Sendable {
    case number, percent
    case money(Currency)
    case bool, text, date, timestamp, platform, tier
    /// A declared enumeration (`enum Status { ... }`).
    case enumeration(EnumType)
    /// `Money(currency)`: money whose currency the record's field of that name holds.
    case moneyFrom(field: String)
    /// `T?`: the value, or `Value.missing` when the data leaves it empty.
    case optional(DeclaredType)
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
            /// The data column (or JSON key) the field is read from: its `from "..."` or its name.
            public let column: String

            init(name: String, type: DeclaredType, defaultValue: Value?, column: String? = nil) {
                self.name = name
                self.type = type
                self.defaultValue = defaultValue
                self.column = column ?? name
            }
        }
        public let name: String
        public let shape: RecordShape
        public let fields: [Field]
        /// The campaign's time zone, in which a timestamp given for a `Date` field is a day.
        public let zone: CampaignZone
        /// The campaign's currency, which a plain `Money` field holds (messages about a
        /// `Money(EUR)` field tell the two apart).
        public let currency: Currency

        /// Each field's position by the column it is read from, where that differs from its name.
        private let aliases: [String: Int]

        init(name: String, shape: RecordShape, fields: [Field], zone: CampaignZone = .utc, currency: Currency = .usd) {
            self.name = name
            self.shape = shape
            self.fields = fields
            self.zone = zone
            self.currency = currency
            var aliases: [String: Int] = [:]
            for (index, field) in fields.enumerated() where field.column != field.name { aliases[field.column] = index }
            self.aliases = aliases
        }

        /// The field read from a data column (or JSON key) of this name.
        func index(ofColumn column: String) -> Int? {
            if let aliased = aliases[column] { return aliased }
            guard let index = shape.index(of: column), fields[index].column == column else { return nil }
            return index
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
        case .timestamp: "Timestamp"
        case .platform: "Platform"
        case .tier: "Tier"
        case .enumeration(let type): type.name
        case .moneyFrom(let field): "Money(\(field))"
        case .optional(let wrapped): wrapped.name + "?"
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
        case .timestamp: "`2026-03-14T23:30:00Z`"
        case .platform: "`tiktok`"
        case .tier: "`micro`"
        case .enumeration(let type): "`\(type.cases.first ?? type.name)`"
        case .moneyFrom: "`€30_000`"
        case .optional(let wrapped): wrapped.example
        case .any: "`1`"
        case .list(let element): "`[\(element.example.dropFirst().dropLast())]`"
        case .record(let descriptor): "`{\(descriptor.fields.first.map { "\($0.name): \($0.type.example.dropFirst().dropLast())" } ?? "")}`"
        }
    }

    /// The enumerations this type uses, itself or in its elements and fields.
    var enumerations: [EnumType] {
        switch self {
        case .enumeration(let type): [type]
        case .list(let element), .optional(let element): element.enumerations
        case .record(let descriptor): descriptor.fields.flatMap(\.type.enumerations)
        default: []
        }
    }

    var isOptional: Bool {
        if case .optional = self { return true }
        return false
    }

    /// The type an optional wraps; the type itself otherwise.
    var withoutOptional: DeclaredType {
        if case .optional(let wrapped) = self { return wrapped }
        return self
    }

    /// The time zone of the record type inside this type, if any (see `RecordDescriptor.zone`).
    var zone: CampaignZone {
        switch self {
        case .list(let element), .optional(let element): element.zone
        case .record(let descriptor): descriptor.zone
        default: .utc
        }
    }

    /// The campaign's currency as the record type inside this type knows it, if any (see
    /// `RecordDescriptor.currency`).
    var campaignCurrency: Currency? {
        switch self {
        case .list(let element), .optional(let element): element.campaignCurrency
        case .record(let descriptor): descriptor.currency
        default: nil
        }
    }

    /// The unit of an amount type; nil for the other types.
    var unit: Quantity.Unit? {
        switch self {
        case .optional(let wrapped): wrapped.unit
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
        case .timestamp: .timestamp
        case .platform: .symbol(.platform)
        case .tier: .symbol(.tier)
        case .enumeration(let type): .enumeration(type)
        case .moneyFrom: .anyMoney
        case .optional(let wrapped): .optional(wrapped.staticType)
        case .list(let element): .list(element.staticType)
        case .record, .any: .unknown
        }
    }

    /// Converts a value to this type: numbers become money or percents, text names symbols,
    /// records get their defaults; anything else that does not fit is an error. A timestamp
    /// given for a `Date` is its date in `zone`, the campaign's time zone, which every caller
    /// must pass: a default of UTC would give a `given` another day than a data file.
    public func convert(_ value: Value, zone: CampaignZone) throws(ValueError) -> Value {
        switch (self, value) {
        case (.number, .number), (.percent, .percent), (.bool, .bool), (.text, .text), (.date, .date), (.timestamp, .timestamp),
            (.any, _), (.optional, .missing):
            return value
        case (.date, .timestamp(let instant)):
            return .date(try zone.checkedDate(of: instant))
        case (.optional(let wrapped), _):
            return try wrapped.convert(value, zone: zone)
        case (.timestamp, .text(var text)), (.date, .text(var text)):
            // ISO 8601 text, as a data cell writes it, refused with a data cell's message; a
            // timestamp given for a Date is its day in the campaign's zone, as in a cell.
            let cell: CellType = if case .date = self { .date(zone) } else { .timestamp }
            let read = text.withUTF8 { bytes -> Result<Value, CellProblem> in
                do throws(CellProblem) { return .success(try CellConverter.convert(bytes, to: cell)) } catch { return .failure(error) }
            }
            switch read {
            case .success(let instant): return instant
            case .failure(let problem): throw ValueError(.invalidInput, problem.message, fix: problem.fix)
            }
        case (.enumeration(let type), .enumValue(let given)) where given.type == type:
            return value
        case (.enumeration(let type), .text(let name)):
            guard let found = type.value(named: name) else { throw DeclaredType.notAValue(name, of: type) }
            return .enumValue(found)
        case (.moneyFrom, .money), (.moneyFrom, .number):
            // The record settles the currency (`RecordDescriptor.settleCurrencies`).
            return value
        case (.number, .percent(let fraction)):
            return .number(fraction)
        case (.percent, .number(let fraction)):
            if let slip = Messages.percentSlip(fraction) { throw ValueError(.invalidInput, slip.message, fix: slip.fix) }
            return .percent(fraction)
        case (.money(let currency), .money(let amount, let given)):
            guard currency == given else {
                // Zero is zero in any currency.
                if amount.isZero { return .money(amount, currency) }
                throw ValueError(
                    .mixedCurrencies, "expected Money in \(currency.code), found \(value), an amount in \(given.code)",
                    fix: "give it in \(currency.code), or convert it first with `convert(amount, rates)`")
            }
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
                    converted.append(try element.convert(item, zone: zone))
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

    /// Text that names no value of an enumeration: the allowed values, and the closest one.
    static func notAValue(_ text: String, of type: EnumType) -> ValueError {
        let guess = Suggestions.closest(to: text.lowercased(), among: type.cases).map { "did you mean `\($0)`? " } ?? ""
        return ValueError(
            .invalidInput, "\(Value.quoted(text)) is not a \(type.name)",
            fix: "\(guess)the \(type.name) values are \(type.choices)")
    }

    /// The value if it already is of this type (records are converted, to fill defaults), or
    /// nil. Stricter than `convert`: a function parameter declared `Money` does not turn the
    /// number 5 into `$5`; only values from outside the rule file get that leniency.
    public func accepting(_ value: Value) -> Value? {
        switch (self, value) {
        case (.number, .number), (.number, .percent), (.percent, .percent), (.percent, .number),
            (.bool, .bool), (.text, .text), (.date, .date), (.timestamp, .timestamp), (.any, _), (.optional, .missing),
            (.moneyFrom, .money):
            return value
        case (.optional(let wrapped), _):
            return wrapped.accepting(value)
        case (.enumeration(let type), .enumValue(let given)):
            return given.type == type ? value : nil
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
        case (.number, .number), (.percent, .percent), (.bool, .bool), (.text, .text), (.date, .date), (.timestamp, .timestamp),
            (.any, _), (.optional, .missing), (.moneyFrom, .money):
            true
        case (.optional(let wrapped), _): wrapped.holdsUnchanged(value)
        case (.enumeration(let type), .enumValue(let given)): given.type == type
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
            throw ValueError(
                .unknownField, "\(self.name) has no field `\(name)`",
                fix: suggestion.map { "did you mean `\($0)`?" } ?? "declared fields: \(fields.map(\.name).joined(separator: ", "))")
        }
        var values: [Value] = []
        values.reserveCapacity(fields.count)
        for field in fields {
            if let given = record[field.name] {
                do throws(ValueError) {
                    values.append(try field.type.convert(given, zone: zone))
                } catch {
                    throw ValueError(error.kind, "field `\(field.name)`: \(error.message)", fix: error.fix)
                }
            } else if let fallback = field.defaultValue {
                values.append(fallback)
            } else if case .optional = field.type {
                values.append(.missing)
            } else {
                throw ValueError(.missingField, "\(self.name) needs the field `\(field.name)` (\(field.type.name))")
            }
        }
        try settleCurrencies(&values)
        return RecordValue(shape: shape, values: values)
    }

    /// Gives each `Money(field)` amount the currency its record's field names, and refuses an
    /// amount written in another currency (`€400` with currency `USD`).
    func settleCurrencies(_ values: inout [Value]) throws(ValueError) {
        for (index, field) in fields.enumerated() {
            // An optional amount too; a missing one needs no currency.
            guard case .moneyFrom(let codeField) = field.type.withoutOptional, let codeIndex = shape.index(of: codeField),
                !values[index].isMissing
            else { continue }
            if case .missing = values[codeIndex] {
                throw ValueError(
                    .missingField, "field `\(field.name)` has no currency: `\(codeField)` is missing",
                    fix: "give `\(codeField)` an ISO code such as \"USD\"")
            }
            let currency: Currency
            do throws(ValueError) {
                currency = try DeclaredType.currency(named: values[codeIndex])
            } catch {
                throw ValueError(error.kind, "field `\(codeField)`: \(error.message)", fix: error.fix)
            }
            switch values[index] {
            case .money(let amount, let written):
                // Zero is zero in any currency (a default of `$0` suits every row).
                guard written == currency || amount.isZero else {
                    throw ValueError(
                        .mixedCurrencies, "field `\(field.name)`: \(values[index]) is in \(written.code), but `\(codeField)` says \(currency.code)",
                        fix: "make the amount and `\(codeField)` agree")
                }
                values[index] = .money(amount, currency)
            case .number(let amount):
                values[index] = .money(amount, currency)
            case .missing:
                break
            default:
                throw ValueError(.invalidInput, "field `\(field.name)`: expected Money, found \(values[index].kindName) \(values[index])")
            }
        }
    }
}

extension DeclaredType {
    /// The currency a record's currency field names (`"EUR"`); the caller says which field.
    static func currency(named value: Value) throws(ValueError) -> Currency {
        guard case .text(let code) = value else {
            throw ValueError(
                .invalidInput, "expected a currency code, found \(value.kindName) \(value)", fix: "use an ISO code: \(Currency.knownCodes)")
        }
        guard let currency = Currency(code: code) ?? Currency(code: code.trimmingSpaces) else {
            let nearest = Suggestions.closest(to: code.trimmingSpaces.uppercased(), among: Currency.table.map(\.code))
            throw ValueError(
                .invalidInput, "\(Value.quoted(code)) is not a currency this language knows",
                fix: (nearest.map { "did you mean `\($0)`? " } ?? "") + "use an ISO code: \(Currency.knownCodes)")
        }
        return currency
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " || text.first == "\t" { text = text.dropFirst() }
        while text.last == " " || text.last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
