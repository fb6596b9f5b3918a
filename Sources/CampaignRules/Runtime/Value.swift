// The runtime value: one enum over every kind a rule file computes with.

/// A value computed by a rule file.
///
/// Numbers, percents and money hold an unboxed `DecimalNumber` so arithmetic allocates
/// nothing; lists and records are references so copying a value stays cheap.
public enum Value: Sendable {
    case number(DecimalNumber)
    /// A number that displays as a percentage; `12.5%` holds 0.125.
    case percent(DecimalNumber)
    case money(DecimalNumber, Currency)
    case bool(Bool)
    case text(String)
    case date(CalendarDate)
    /// An instant (`2026-03-14T23:30:00Z`).
    case timestamp(Timestamp)
    case symbol(Symbol)
    /// A value of an enumeration the file declares (`approved`).
    case enumValue(EnumValue)
    /// What an optional field (`reversed_on: Date?`) holds when the data leaves it empty; only
    /// `??` reads it, so no computation ever sees it.
    case missing
    case list(ValueList)
    case record(RecordValue)
    case tierTable(TierTableValue)

    /// What kind of value this is, for messages ("cannot compare Money with Text").
    public var kindName: String {
        switch self {
        case .number: "Number"
        case .percent: "Percent"
        case .money(_, let currency): "Money (\(currency.code))"
        case .bool: "Bool"
        case .text: "Text"
        case .date: "Date"
        case .timestamp: "Timestamp"
        case .symbol(let symbol): symbol.family.rawValue
        case .enumValue(let value): value.type.name
        case .missing: "a missing value"
        case .list: "List"
        case .record(let record): record.shape.name ?? "Record"
        case .tierTable: "tier table"
        }
    }

    /// Whether this is an optional field's missing value.
    var isMissing: Bool {
        if case .missing = self { return true }
        return false
    }

    /// The decimal inside a number, percent or money.
    var decimal: DecimalNumber? {
        switch self {
        case .number(let value), .percent(let value), .money(let value, _): value
        default: nil
        }
    }
}

/// The field layout shared by every record of one type, so a record stores only its values.
public final class RecordShape: Sendable, Hashable {
    /// The declared record type's name; nil for a record literal's shape.
    public let name: String?
    public let fieldNames: [String]
    let indexByName: [String: Int]
    /// For the records `group by` makes, the fields holding the group's key (`["key"]`, or
    /// the named keys); nil for every other record.
    let keyFields: [String]?
    /// For the lines of a plan, the line as written (`Order \(o.id)`), which names its column
    /// in a table however many lines it gives; nil for every other record.
    let title: String?

    public convenience init(name: String?, fieldNames: [String]) {
        self.init(name: name, fieldNames: fieldNames, keyFields: nil)
    }

    init(name: String?, fieldNames: [String], keyFields: [String]?, title: String? = nil) {
        self.name = name
        self.fieldNames = fieldNames
        self.keyFields = keyFields
        self.title = title
        var index: [String: Int] = [:]
        if fieldNames.count > RecordShape.scannedFieldCount {
            for (position, field) in fieldNames.enumerated() where index[field] == nil { index[field] = position }
        }
        self.indexByName = index
    }

    /// Up to this many fields, a field is found by comparing names, which for a handful of
    /// short names is quicker than hashing one (and saves a table per record literal).
    private static let scannedFieldCount = 12

    public func index(of field: String) -> Int? {
        guard fieldNames.count > RecordShape.scannedFieldCount else { return fieldNames.firstIndex(of: field) }
        return indexByName[field]
    }

    public static func == (lhs: RecordShape, rhs: RecordShape) -> Bool { lhs === rhs }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }

    static let statement = RecordShape(name: "Statement", fieldNames: ["subject", "key", "lines", "total"])
    /// A statement of a plan that holds balances (one with `carry` or `minimum`): what it
    /// holds for the next period is its `carried` balance.
    static let heldStatement = RecordShape(name: "Statement", fieldNames: ["subject", "key", "lines", "total", "carried"])
    /// A balance carried between periods: a statement's key and the amount held.
    static let balance = RecordShape(name: "Balance", fieldNames: ["key", "amount"])

    /// Whether records of this shape are a plan's statements.
    var isStatement: Bool { self === RecordShape.statement || self === RecordShape.heldStatement }
    static let statementLine = RecordShape(name: "Line", fieldNames: ["label", "amount"])

    /// The shape of the lines one plan line gives, titled as it is written.
    static func planLine(titled title: String) -> RecordShape {
        RecordShape(name: "Line", fieldNames: ["label", "amount"], keyFields: nil, title: title)
    }
    /// The shape of the lines an itemized plan line gives: each also names its item (see `ItemKey`).
    static func itemLine(titled title: String) -> RecordShape {
        RecordShape(name: "Line", fieldNames: ["label", "amount", "item"], keyFields: nil, title: title)
    }
    static let allocationRow = RecordShape(name: "Allocation", fieldNames: ["item", "amount"])
}

/// A record: its shape and one value per field, in the shape's order.
///
/// A row of a loaded table is a record that reads its fields from the table's columns when
/// asked (see `RecordTable.record(at:)`), so going through a million loaded rows does not
/// copy every field of every row.
public final class RecordValue: Sendable {
    public let shape: RecordShape
    /// The values, for a record that holds its own; empty for a table's row.
    private let fields: [Value]
    private let table: RecordTable?
    private let row: Int
    /// Why a plan's line or statement has its amount; nil for ordinary records.
    public let explanation: Explanation?

    public init(shape: RecordShape, values: [Value], explanation: Explanation? = nil) {
        self.shape = shape
        self.fields = values
        self.table = nil
        self.row = 0
        self.explanation = explanation
    }

    init(shape: RecordShape, table: RecordTable, row: Int) {
        self.shape = shape
        self.fields = []
        self.table = table
        self.row = row
        self.explanation = nil
    }

    /// One value per field, in the shape's order.
    public var values: [Value] {
        guard let table else { return fields }
        return table.columns.map { $0.value(at: row) }
    }

    /// The value of the field at `index` in the shape.
    @inline(__always)
    public func value(at index: Int) -> Value {
        if let table { return table.columns[index].value(at: row) }
        return fields[index]
    }

    public subscript(field: String) -> Value? {
        shape.index(of: field).map { value(at: $0) }
    }
}

/// A tier table with its bounds evaluated: brackets in order, each `[low, high)`.
public final class TierTableValue: Sendable {
    public struct Bracket: Sendable {
        public let low: Value?
        public let high: Value?
        public let value: Value
    }
    public let name: String
    public let brackets: [Bracket]
    /// The bounds as bare decimals when they are all numbers or all money of one currency (as
    /// they nearly always are), so a lookup compares decimals instead of values.
    let numericBounds: NumericBounds?

    struct NumericBounds {
        let unit: Quantity.Unit
        let lows: [DecimalNumber?]
        let highs: [DecimalNumber?]
        /// Each bracket's value when it is a number, percent or money.
        let values: [Quantity?]
        /// Whether each bracket starts where the one before it ends, so a lookup only needs
        /// the first bracket's low bound and then the highs.
        let contiguous: Bool
    }

    init(name: String, brackets: [Bracket]) {
        self.name = name
        self.brackets = brackets
        self.numericBounds = TierTableValue.numericBounds(of: brackets)
    }

    private static func numericBounds(of brackets: [Bracket]) -> NumericBounds? {
        let bounds = brackets.flatMap { [$0.low, $0.high] }.compactMap { $0 }
        guard let first = bounds.first.flatMap(Quantity.init), first.unit != .percent,
            bounds.allSatisfy({ Quantity($0)?.unit == first.unit })
        else { return nil }
        let lows = brackets.map { $0.low?.decimal }, highs = brackets.map { $0.high?.decimal }
        let contiguous = zip(highs, lows.dropFirst()).allSatisfy { high, low in
            if let high, let low { return high.compare(low) == 0 }
            return false
        }
        return NumericBounds(
            unit: first.unit, lows: lows, highs: highs, values: brackets.map { Quantity($0.value) },
            contiguous: contiguous)
    }

    /// The bracket holding `amount` by decimal comparison; nil when the kinds differ, which
    /// sends the lookup through the general path and its error messages.
    func numericBracketIndex(_ amount: Value) -> Int? {
        Quantity(amount).flatMap(numericBracketIndex)
    }

    @inline(__always)
    func numericBracketIndex(_ amount: Quantity) -> Int? {
        guard let bounds = numericBounds, amount.unit == bounds.unit else { return nil }
        let key = amount.amount
        if bounds.contiguous {
            if let low = bounds.lows[0], key.compare(low) < 0 { return nil }
            for index in bounds.highs.indices {
                guard let high = bounds.highs[index] else { return index }
                if key.compare(high) < 0 { return index }
            }
            return nil
        }
        for index in bounds.lows.indices {
            if let low = bounds.lows[index], key.compare(low) < 0 { continue }
            if let high = bounds.highs[index], key.compare(high) >= 0 { continue }
            return index
        }
        return nil
    }
}
