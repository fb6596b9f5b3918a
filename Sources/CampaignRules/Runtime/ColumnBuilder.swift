// Collects one field's values into the most compact column that holds them.

/// Builds a `RecordTable.Column` value by value: amounts of one unit in a `DecimalColumn`,
/// text, timestamps, dates, booleans and an enumeration's values unboxed, and anything else
/// (or a mix of kinds) as values.
///
/// The arrays are kept as separate properties rather than in an enum's payload so that
/// appending grows them in place instead of copying.
struct ColumnBuilder {
    private enum Kind: Equatable {
        case empty
        case amounts(Quantity.Unit)
        case moneys, texts, timestamps, dates, bools
        case enumValues(EnumType)
        case values
    }
    private var kind = Kind.empty
    private var amounts = DecimalColumn()
    private var currencies: [Currency] = []
    private var texts: [String] = []
    private var integers: [Int64] = []
    private var days: [Int32] = []
    private var flags: [Bool] = []
    private var values: [Value] = []
    private(set) var count = 0

    init() {}

    mutating func reserveCapacity(_ capacity: Int) {
        amounts.reserveCapacity(capacity)
    }

    /// Appends a decimal of a known unit without building a `Value`.
    @inline(__always)
    mutating func append(_ amount: DecimalNumber, _ unit: Quantity.Unit) {
        switch (kind, unit) {
        case (.empty, _):
            kind = .amounts(unit)
            amounts.append(amount)
        case (.amounts(let known), _) where known == unit:
            amounts.append(amount)
        case (.amounts(.money(let first)), .money(let currency)):
            // Money of a second currency: from here on each row keeps its own.
            currencies = Array(repeating: first, count: count)
            currencies.append(currency)
            amounts.append(amount)
            kind = .moneys
        case (.moneys, .money(let currency)):
            amounts.append(amount)
            currencies.append(currency)
        default:
            appendOther(Quantity(amount, unit).value)
            return
        }
        count += 1
    }

    mutating func append(_ value: Value) {
        if let quantity = Quantity(value) {
            append(quantity.amount, quantity.unit)
        } else {
            appendOther(value)
        }
    }

    /// Appends a value that is not an amount of the column's unit.
    private mutating func appendOther(_ value: Value) {
        switch (kind, value) {
        case (.empty, .text(let text)), (.texts, .text(let text)):
            kind = .texts
            texts.append(text)
        case (.empty, .timestamp(let instant)), (.timestamps, .timestamp(let instant)):
            kind = .timestamps
            integers.append(instant.microseconds)
        case (.empty, .date(let date)), (.dates, .date(let date)):
            kind = .dates
            days.append(date.daysSinceEpoch)
        case (.empty, .bool(let flag)), (.bools, .bool(let flag)):
            kind = .bools
            flags.append(flag)
        case (.empty, .enumValue(let enumValue)):
            kind = .enumValues(enumValue.type)
            days.append(Int32(enumValue.position))
        case (.enumValues(let type), .enumValue(let enumValue)) where enumValue.type === type:
            days.append(Int32(enumValue.position))
        default:
            if kind != .values {
                // A value of another kind: from here on the column keeps values.
                let column = self.column()
                values = (0..<count).map { column.value(at: $0) }
                kind = .values
                (amounts, currencies, texts, integers, days, flags) = (DecimalColumn(), [], [], [], [], [])
            }
            values.append(value)
        }
        count += 1
    }

    /// Appends every value `other` collected.
    mutating func append(contentsOf other: ColumnBuilder) {
        if count == 0 {
            self = other
            return
        }
        switch (kind, other.kind) {
        case (.amounts(let unit), .amounts(let otherUnit)) where unit == otherUnit:
            amounts.append(contentsOf: other.amounts)
        case (.texts, .texts): texts += other.texts
        case (.timestamps, .timestamps): integers += other.integers
        case (.dates, .dates), (.enumValues, .enumValues) where kind == other.kind: days += other.days
        case (.bools, .bools): flags += other.flags
        default:
            let column = other.column()
            for index in 0..<other.count { append(column.value(at: index)) }
            return
        }
        count += other.count
    }

    /// The values as a list: amounts by column, anything else as values.
    func list() -> ValueList {
        switch column() {
        case .amounts(let column, let unit): ValueList(column, unit)
        case .values(let values): ValueList(values)
        case let other: ValueList((0..<count).map { other.value(at: $0) })
        }
    }

    func column() -> RecordTable.Column {
        switch kind {
        case .empty: .amounts(DecimalColumn(), .number)
        case .amounts(let unit): .amounts(amounts, unit)
        case .moneys: .moneys(amounts, currencies)
        case .texts: .texts(texts)
        case .timestamps: .timestamps(integers)
        case .dates: .dates(days)
        case .bools: .bools(flags)
        case .enumValues(let type): .enumValues(type, days)
        case .values: .values(values)
        }
    }
}
