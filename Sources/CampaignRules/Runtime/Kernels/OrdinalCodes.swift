// Kernel code for values that compare as whole numbers: dates, timestamps, enumeration values.

/// What an ordinal stands for; two ordinals compare only when they are of one kind.
enum OrdinalKind: Equatable {
    /// Days since 1970-01-01.
    case date
    /// Microseconds since 1970-01-01T00:00:00Z.
    case timestamp
    /// A value's position in its enumeration.
    case enumeration(EnumType)
}

/// Kernel code that computes an ordinal. Reading a column or a constant never fails, so
/// these codes never give up on a row.
class OrdinalCode {
    func ordinal(_ frame: RowFrame) throws(Deopt) -> Int64 { 0 }
}

final class ConstantOrdinal: OrdinalCode {
    let value: Int64
    init(_ value: Int64) { self.value = value }
    override func ordinal(_ frame: RowFrame) throws(Deopt) -> Int64 { value }
}

/// A column of dates or enumeration positions.
final class SmallOrdinalColumn: OrdinalCode {
    let values: [Int32]
    init(_ values: [Int32]) { self.values = values }
    override func ordinal(_ frame: RowFrame) throws(Deopt) -> Int64 { Int64(values[frame.row]) }
}

/// A column of timestamps.
final class OrdinalColumn: OrdinalCode {
    let values: [Int64]
    init(_ values: [Int64]) { self.values = values }
    override func ordinal(_ frame: RowFrame) throws(Deopt) -> Int64 { values[frame.row] }
}

/// `date(ts)`: the day a timestamp falls on in the campaign's time zone.
final class DateOfInstant: OrdinalCode {
    let instant: OrdinalCode
    let zone: CampaignZone
    init(_ instant: OrdinalCode, zone: CampaignZone) {
        self.instant = instant
        self.zone = zone
    }
    override func ordinal(_ frame: RowFrame) throws(Deopt) -> Int64 {
        // A day outside the calendar's years is the general evaluator's located error.
        guard let day = zone.supportedDate(of: Timestamp(microseconds: try instant.ordinal(frame))) else { throw Deopt() }
        return Int64(day.daysSinceEpoch)
    }
}

final class OrdinalComparison: TruthCode {
    let op: ComparisonOperator
    let a: OrdinalCode, b: OrdinalCode
    init(_ op: ComparisonOperator, _ a: OrdinalCode, _ b: OrdinalCode) {
        self.op = op
        self.a = a
        self.b = b
    }
    override func truth(_ frame: RowFrame) throws(Deopt) -> Bool {
        let x = try a.ordinal(frame), y = try b.ordinal(frame)
        return ComparisonNode.satisfies(op, x == y ? 0 : (x < y ? -1 : 1))
    }
    override func smallTruth(_ frame: RowFrame) throws(Deopt) -> Bool { try truth(frame) }
}

extension RowKernelCompiler {
    /// The ordinal of a constant date, timestamp or enumeration value.
    static func ordinal(of value: Value) -> (OrdinalCode, OrdinalKind)? {
        switch value {
        case .date(let day): (ConstantOrdinal(Int64(day.daysSinceEpoch)), .date)
        case .timestamp(let instant): (ConstantOrdinal(instant.microseconds), .timestamp)
        case .enumValue(let value): (ConstantOrdinal(Int64(value.position)), .enumeration(value.type))
        default: nil
        }
    }

    /// The ordinal of a column of dates, timestamps or enumeration values.
    static func ordinal(of column: RecordTable.Column) -> (OrdinalCode, OrdinalKind)? {
        switch column {
        case .dates(let days): (SmallOrdinalColumn(days), .date)
        case .timestamps(let instants): (OrdinalColumn(instants), .timestamp)
        case .enumValues(let type, let positions): (SmallOrdinalColumn(positions), .enumeration(type))
        default: nil
        }
    }

    /// `value in low to high` as two comparisons, for amounts or ordinals of one kind.
    mutating func between(_ value: BoundExpression, _ low: BoundExpression, _ high: BoundExpression) -> Compiled? {
        switch (compile(value), compile(low), compile(high)) {
        case (.ordinal(let x, let kind)?, .ordinal(let a, let lowKind)?, .ordinal(let b, let highKind)?)
        where kind == lowKind && kind == highKind:
            return .truth(AndTruth(OrdinalComparison(.greaterEqual, x, a), OrdinalComparison(.lessEqual, x, b)))
        case (.amount(let x, let unit)?, .amount(let a, let lowUnit)?, .amount(let b, let highUnit)?)
        where RowKernelCompiler.alwaysCompare(unit, lowUnit) && RowKernelCompiler.alwaysCompare(unit, highUnit):
            return .truth(AndTruth(AmountComparison(.greaterEqual, x, a), AmountComparison(.lessEqual, x, b)))
        default:
            return nil
        }
    }
}
