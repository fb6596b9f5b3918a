// RecordTable, records of one shape stored by column, as data files load them.

/// Records of one declared type, stored field by field.
///
/// A list of a million records loaded from a CSV file would take a few hundred bytes a record
/// as `RecordValue`s; by column it takes a few bytes a field (see `DecimalColumn`). Each row
/// still reads as a record value (`record(at:)`), so every part of the interpreter can use
/// a table as the list it is, while queries and plans read the columns directly.
final class RecordTable: Sendable {
    /// One field's values, for every row.
    enum Column: Sendable {
        /// Numbers, percents or money of one currency.
        case amounts(DecimalColumn, Quantity.Unit)
        /// Values of any other kind.
        case values([Value])
        /// The same value in every row: a field's default, when the file has no column for it.
        case constant(Value)

        func value(at row: Int) -> Value {
            switch self {
            case .amounts(let column, let unit): Quantity(column[row], unit).value
            case .values(let values): values[row]
            case .constant(let value): value
            }
        }
    }

    let shape: RecordShape
    let count: Int
    let columns: [Column]

    init(shape: RecordShape, count: Int, columns: [Column]) {
        self.shape = shape
        self.count = count
        self.columns = columns
    }

    /// `row`, trapping like an array index when it is out of range.
    @inline(__always)
    func indexChecked(_ row: Int) -> Int {
        precondition(row >= 0 && row < count, "row index out of range")
        return row
    }

    /// The row as a record value.
    func record(at row: Int) -> RecordValue {
        RecordValue(shape: shape, values: columns.map { $0.value(at: row) })
    }

    /// The same rows as records of `descriptor`, sharing the columns, when the descriptor has
    /// the same fields in the same order and every column already holds its field's type (as
    /// when one file's data is bound to another compilation of the same record); nil
    /// otherwise, and the rows are converted one by one.
    func reshaped(as descriptor: DeclaredType.RecordDescriptor) -> RecordTable? {
        guard descriptor.shape.fieldNames == shape.fieldNames else { return nil }
        var reshaped: [Column] = []
        for (column, field) in zip(columns, descriptor.fields) {
            switch column {
            case .amounts(_, let unit):
                guard field.type.unit == unit else { return nil }
                reshaped.append(column)
            case .values(let values):
                guard values.allSatisfy({ field.type.holdsUnchanged($0) }) else { return nil }
                reshaped.append(column)
            case .constant(let value):
                guard field.type.holdsUnchanged(value) else { return nil }
                reshaped.append(column)
            }
        }
        return RecordTable(shape: descriptor.shape, count: count, columns: reshaped)
    }

    /// A table of records that all have `shape`, or nil when one does not (or holds an explanation).
    convenience init?(records: [Value], shape: RecordShape) {
        var builders = shape.fieldNames.map { _ in ColumnBuilder() }
        for item in records {
            guard case .record(let record) = item, record.shape === shape, record.explanation == nil else { return nil }
            for (index, value) in record.values.enumerated() { builders[index].append(value) }
        }
        self.init(shape: shape, count: records.count, columns: builders.map { $0.column() })
    }
}

/// Collects one field's values into the most compact column that holds them.
struct ColumnBuilder {
    private var amounts = DecimalColumn()
    private var unit: Quantity.Unit?
    private var values: [Value]?
    private var count = 0

    mutating func reserveCapacity(_ capacity: Int) {
        if values == nil { amounts.reserveCapacity(capacity) }
    }

    /// Appends a decimal of a known unit without building a `Value`.
    mutating func append(_ amount: DecimalNumber, _ unit: Quantity.Unit) {
        if values == nil, count == 0 || self.unit == unit {
            self.unit = unit
            amounts.append(amount)
            count += 1
            return
        }
        append(Quantity(amount, unit).value)
    }

    mutating func append(_ value: Value) {
        if values == nil, let quantity = Quantity(value), count == 0 || unit == quantity.unit {
            unit = quantity.unit
            amounts.append(quantity.amount)
            count += 1
            return
        }
        if values == nil {
            // A value of another kind: from here on the column keeps values.
            values = (0..<count).map { Quantity(amounts[$0], unit ?? .number).value }
            amounts = DecimalColumn()
        }
        values?.append(value)
        count += 1
    }

    /// Appends every value `other` collected.
    mutating func append(contentsOf other: ColumnBuilder) {
        switch other.column() {
        case .amounts(let column, let unit):
            for index in 0..<other.count { append(column[index], unit) }
        case .values(let values):
            for value in values { append(value) }
        case .constant(let value):
            for _ in 0..<other.count { append(value) }
        }
    }

    /// The values as a list: amounts by column, anything else as values.
    func list() -> ValueList {
        if let values { return ValueList(values) }
        return ValueList(amounts, unit ?? .number)
    }

    func column() -> RecordTable.Column {
        if let values { return .values(values) }
        return .amounts(amounts, unit ?? .number)
    }
}
