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
    /// While text is coded: each distinct text's code, and the codes of the rows.
    private var interner: TextInterner? = TextInterner()
    private var codes: [Int32] = []
    private var integers: [Int64] = []
    private var days: [Int32] = []
    private var flags: [Bool] = []
    private var values: [Value] = []
    private(set) var count = 0

    init() {}

    /// Room for `capacity` values in the array this column's kind fills (amounts until a
    /// value says otherwise).
    mutating func reserveCapacity(_ capacity: Int) {
        switch kind {
        case .empty, .amounts: amounts.reserveCapacity(capacity)
        case .moneys:
            amounts.reserveCapacity(capacity)
            currencies.reserveCapacity(capacity)
        case .texts: if interner != nil { codes.reserveCapacity(capacity) } else { texts.reserveCapacity(capacity) }
        case .timestamps: integers.reserveCapacity(capacity)
        case .dates, .enumValues: days.reserveCapacity(capacity)
        case .bools: flags.reserveCapacity(capacity)
        case .values: values.reserveCapacity(capacity)
        }
    }

    /// Empties the builder, keeping the memory of its arrays (see `CSVImport`'s parts).
    mutating func removeAll() {
        kind = .empty
        amounts.removeAll()
        currencies.removeAll(keepingCapacity: true)
        texts.removeAll(keepingCapacity: true)
        // The interner keeps its table, grown for the last rows' distinct texts, for the next
        // rows (a part's thousands of affiliate ids, each part). A column found to hold ids
        // (no interner) stays plain.
        interner?.removeAll()
        codes.removeAll(keepingCapacity: true)
        integers.removeAll(keepingCapacity: true)
        days.removeAll(keepingCapacity: true)
        flags.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        count = 0
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

    /// Appends amounts of one unit given as coefficients at one exponent (none a negative zero).
    mutating func appendAmounts(_ coefficients: UnsafeBufferPointer<Int64>, exponent: Int32, _ unit: Quantity.Unit) {
        if kind == .empty { kind = .amounts(unit) }
        guard kind == .amounts(unit) else {
            for coefficient in coefficients { append(DecimalNumber(signedCoefficient: coefficient, storedExponent: exponent), unit) }
            return
        }
        amounts.append(coefficients, exponent: exponent)
        count += coefficients.count
    }

    @inline(__always)
    mutating func append(timestamp instant: Timestamp) {
        guard case .timestamps = kind else { return appendOther(.timestamp(instant)) }
        integers.append(instant.microseconds)
        count += 1
    }

    @inline(__always)
    mutating func append(bool flag: Bool) {
        guard case .bools = kind else { return appendOther(.bool(flag)) }
        flags.append(flag)
        count += 1
    }

    /// Appends the enumeration's value at `position` without building a `Value`.
    @inline(__always)
    mutating func append(enumPosition position: Int, of type: EnumType) {
        guard case .enumValues(let known) = kind, known === type else {
            return appendOther(.enumValue(EnumValue(type: type, position: position)))
        }
        days.append(Int32(position))
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
            appendText(text)
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
        case (.enumValues(let type), .enumValue(let enumValue)) where enumValue.type == type:
            days.append(Int32(enumValue.position))
        default:
            if kind != .values {
                // A value of another kind: from here on the column keeps values.
                let column = self.column()
                values = (0..<count).map { column.value(at: $0) }
                kind = .values
                (amounts, currencies, texts, integers, days, flags) = (DecimalColumn(), [], [], [], [], [])
                (codes, interner) = ([], nil)
            }
            values.append(value)
        }
        count += 1
    }

    /// Text is coded unless the first few thousand rows are all but all distinct (an order
    /// id, say); a column that turns out at the end to have more distinct texts than half its
    /// rows is stored plain too (see `column()`).
    private static let codedCheck = 4_096

    /// Appends text, coded while it repeats enough (see `codedCheck`).
    private mutating func appendText(_ text: String) {
        guard interner != nil else {
            texts.append(text)
            return
        }
        codes.append(interner!.code(for: text))
        checkCoding()
    }

    /// Appends a data cell's text from its bytes: while the column is coded, no string is
    /// made for a text already seen.
    mutating func appendText(bytes: UnsafeBufferPointer<UInt8>) {
        switch kind {
        case .empty, .texts: kind = .texts
        default:
            appendOther(.text(String(decoding: bytes, as: UTF8.self)))
            return
        }
        count += 1
        guard interner != nil else {
            texts.append(String(decoding: bytes, as: UTF8.self))
            return
        }
        codes.append(interner!.code(for: bytes))
        checkCoding()
    }

    private mutating func checkCoding() {
        // All but a few distinct in the first rows: ids, which coding would only slow down.
        if codes.count == ColumnBuilder.codedCheck, let interner, interner.count * 100 > codes.count * 99 { uncode() }
    }

    /// Stores the texts themselves from here on.
    private mutating func uncode() {
        guard let interner else { return }
        let distinct = interner.texts()
        texts = codes.map { distinct[Int($0)] }
        codes = []
        self.interner = nil
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
        case (.moneys, .moneys):
            amounts.append(contentsOf: other.amounts)
            currencies += other.currencies
        case (.moneys, .amounts(.money(let currency))):
            amounts.append(contentsOf: other.amounts)
            currencies += repeatElement(currency, count: other.count)
        case (.amounts(.money(let currency)), .moneys):
            // Money of several currencies from here on, each row with its own.
            currencies = Array(repeating: currency, count: count) + other.currencies
            amounts.append(contentsOf: other.amounts)
            kind = .moneys
        case (.texts, .texts):
            if interner != nil, let theirs = other.interner {
                // Each of the other's distinct texts gets this builder's code for it, once.
                let translated = interner!.codes(translating: theirs)
                codes.append(contentsOf: other.codes.map { translated[Int($0)] })
                count += other.count
                return
            }
            var plain = other
            uncode()
            plain.uncode()
            texts += plain.texts
        case (.timestamps, .timestamps): integers += other.integers
        case (.dates, .dates): days += other.days
        case (.enumValues, .enumValues) where kind == other.kind: days += other.days
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
        case .texts:
            if let interner {
                interner.count * 2 > codes.count ? .texts(codes.map { interner.text($0) }) : .codedTexts(TextDictionary(interner.texts()), codes)
            } else {
                .texts(texts)
            }
        case .timestamps: .timestamps(integers)
        case .dates: .dates(days)
        case .bools: .bools(flags)
        case .enumValues(let type): .enumValues(type, days)
        case .values: .values(values)
        }
    }
}
