// Building values from Swift and reading results back: literals, records, accessors.

extension Value: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    /// `30_000` binds a Number input, or a Money input (converted to its currency).
    public init(integerLiteral value: Int) {
        self = .number(DecimalNumber(value))
    }

    /// Text. For an exact decimal written as text, use `Value(decimal:)`.
    public init(stringLiteral value: String) {
        self = .text(value)
    }

    public init(booleanLiteral value: Bool) {
        self = .bool(value)
    }

    public init(arrayLiteral elements: Value...) {
        self = .list(elements)
    }

    /// A record literal: `["id": "ava", "sales": .money(DecimalNumber(1200), .usd)]`, converted to the
    /// declared record type when it binds an input.
    public init(dictionaryLiteral elements: (String, Value)...) {
        self = Value.record(elements)
    }

    /// A record with fields in the given order.
    public static func record(_ fields: [(String, Value)]) -> Value {
        .record(RecordValue(shape: RecordShape(name: nil, fieldNames: fields.map(\.0)), values: fields.map(\.1)))
    }

    /// An exact number from its decimal text (`"1234.50"`); nil when the text is not a number.
    public init?(decimal text: String) {
        guard let number = DecimalNumber.parse(text) else { return nil }
        self = .number(number)
    }

    /// Money from its exact decimal text: `.money("1234.50")` is $1,234.50.
    public static func money(_ text: String, _ currency: Currency = .usd) -> Value? {
        DecimalNumber.parse(text).map { .money($0, currency) }
    }

    /// A field of a record value (nil for other kinds or a missing field).
    public subscript(field: String) -> Value? {
        if case .record(let record) = self { return record[field] }
        return nil
    }

    /// The items of a list value.
    public var items: [Value]? {
        if case .list(let items) = self { return items.array }
        return nil
    }

    /// The exact decimal inside a number, percent or money.
    public var decimalValue: DecimalNumber? { decimal }

    /// Why a plan's line or statement has its amount, when evaluated with explanations.
    public var explanation: Explanation? {
        if case .record(let record) = self { return record.explanation }
        return nil
    }
}
