// RecordTable, records of one shape stored by column, as data files load them.

import Foundation

/// Records of one declared type, stored field by field.
///
/// A list of a million records loaded from a CSV file would take a few hundred bytes a record
/// as `RecordValue`s; by column it takes a few bytes a field (see `DecimalColumn`), each
/// column holding its field's values unboxed (text as strings, timestamps as integers, an
/// enumeration's values as their positions). Each row still reads as a record value
/// (`record(at:)`), so every part of the interpreter can use a table as the list it is,
/// while queries and plans read the columns directly.
final class RecordTable: Sendable {
    /// One field's values, for every row.
    enum Column: Sendable {
        /// Numbers, percents or money of one currency.
        case amounts(DecimalColumn, Quantity.Unit)
        /// Money, each row in its own currency (`Money(currency)` fields).
        case moneys(DecimalColumn, [Currency])
        case texts([String])
        /// Text with few distinct values (categories, affiliate ids, currency codes): each row's
        /// position in a list of the distinct texts.
        case codedTexts(TextDictionary, [Int32])
        /// Microseconds since the epoch.
        case timestamps([Int64])
        /// Days since the epoch.
        case dates([Int32])
        case bools([Bool])
        /// Positions of an enumeration's values.
        case enumValues(EnumType, [Int32])
        /// Values of any other kind, or of several kinds.
        case values([Value])
        /// The same value in every row: a field's default, when the file has no column for it.
        case constant(Value)

        func value(at row: Int) -> Value {
            switch self {
            case .amounts(let column, let unit): Quantity(column[row], unit).value
            case .moneys(let column, let currencies): .money(column[row], currencies[row])
            case .texts(let texts): .text(texts[row])
            case .codedTexts(let dictionary, let codes): .text(dictionary.texts[Int(codes[row])])
            case .timestamps(let instants): .timestamp(Timestamp(microseconds: instants[row]))
            case .dates(let days): .date(CalendarDate(daysSinceEpoch: days[row]))
            case .bools(let flags): .bool(flags[row])
            case .enumValues(let type, let positions): .enumValue(EnumValue(type: type, position: Int(positions[row])))
            case .values(let values): values[row]
            case .constant(let value): value
            }
        }

        /// The values at `rows`, in that order, in a column of the same kind.
        func gathering(_ rows: [Int32]) -> Column {
            switch self {
            case .amounts(let column, let unit): .amounts(column.gathering(rows), unit)
            case .moneys(let column, let currencies): .moneys(column.gathering(rows), rows.map { currencies[Int($0)] })
            case .texts(let texts): .texts(rows.map { texts[Int($0)] })
            case .codedTexts(let dictionary, let codes): .codedTexts(dictionary, rows.map { codes[Int($0)] })
            case .timestamps(let instants): .timestamps(rows.map { instants[Int($0)] })
            case .dates(let days): .dates(rows.map { days[Int($0)] })
            case .bools(let flags): .bools(rows.map { flags[Int($0)] })
            case .enumValues(let type, let positions): .enumValues(type, rows.map { positions[Int($0)] })
            case .values(let values): .values(rows.map { values[Int($0)] })
            case .constant: self
            }
        }

        /// Whether every value in the column is of `type`, so a table of another compilation's
        /// descriptor can share it.
        func holds(_ type: DeclaredType) -> Bool {
            switch self {
            case .amounts(_, let unit): type.unit == unit
            case .moneys: if case .moneyFrom = type.withoutOptional { true } else { false }
            case .texts, .codedTexts: type.holdsUnchanged(.text(""))
            case .timestamps: type.holdsUnchanged(.timestamp(Timestamp(microseconds: 0)))
            case .dates: type.holdsUnchanged(.date(CalendarDate(daysSinceEpoch: 0)))
            case .bools: type.holdsUnchanged(.bool(false))
            case .enumValues(let enumeration, _): type.holdsUnchanged(.enumValue(EnumValue(type: enumeration, position: 0)))
            case .values(let values): values.allSatisfy { type.holdsUnchanged($0) }
            case .constant(let value): type.holdsUnchanged(value)
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

    /// The row as a record value, which reads its fields from the columns when asked.
    func record(at row: Int) -> RecordValue {
        RecordValue(shape: shape, table: self, row: row)
    }

    /// The same rows as records of `descriptor`, sharing the columns, when the descriptor has
    /// the same fields in the same order and every column already holds its field's type (as
    /// when one file's data is bound to another compilation of the same record); nil
    /// otherwise, and the rows are converted one by one.
    func reshaped(as descriptor: DeclaredType.RecordDescriptor) -> RecordTable? {
        guard descriptor.shape.fieldNames == shape.fieldNames,
            zip(columns, descriptor.fields).allSatisfy({ $0.holds($1.type) })
        else { return nil }
        return RecordTable(shape: descriptor.shape, count: count, columns: columns)
    }

    /// A table of records that all have `shape`, or nil when one does not (or holds an explanation).
    convenience init?(records: [Value], shape: RecordShape) {
        var builders = shape.fieldNames.map { _ in ColumnBuilder() }
        for item in records {
            guard case .record(let record) = item, record.shape === shape, record.explanation == nil else { return nil }
            for index in builders.indices { builders[index].append(record.value(at: index)) }
        }
        self.init(shape: shape, count: records.count, columns: builders.map { $0.column() })
    }
}

/// The distinct texts of a coded text column, in order of first appearance, and the order
/// they sort in (by Unicode scalars, as the language compares text).
final class TextDictionary: @unchecked Sendable {
    let texts: [String]
    /// Guards `sortedRanks`, which threads sorting by this column may ask for at once.
    private let lock = NSLock()
    private var sortedRanks: [Int32]?

    init(_ texts: [String]) {
        self.texts = texts
    }

    /// Each code's place in the sorted order, so sorting rows compares two integers. Sorting
    /// a hundred thousand distinct affiliate ids is a few percent of loading their file, so it
    /// is done the first time a sort needs it, not for every text column loaded.
    var ranks: [Int32] {
        lock.lock()
        defer { lock.unlock() }
        if let sortedRanks { return sortedRanks }
        let order = texts.indices.sorted { Value.compareScalars(texts[$0], texts[$1]) < 0 }
        var ranks = [Int32](repeating: 0, count: texts.count)
        for (rank, code) in order.enumerated() { ranks[code] = Int32(rank) }
        sortedRanks = ranks
        return ranks
    }
}
