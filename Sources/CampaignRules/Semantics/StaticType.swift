// What the checker knows about a value before the program runs.

/// A value's type as far as the checker can tell; `unknown` defers the check to run time.
indirect enum StaticType: Sendable, Equatable {
    case unknown
    case number
    case percent
    case money(Currency)
    case bool
    case text
    case date
    case timestamp
    case symbol(Symbol.Family)
    case enumeration(EnumType)
    /// Money whose currency each record names (`amount: Money(currency)`): known at run time.
    case anyMoney
    /// An optional field's value, which only `??` may read.
    case optional(StaticType)
    case list(StaticType)
    case record(RecordType)
    case tierTable

    var name: String {
        switch self {
        case .unknown: "a value"
        case .number: "Number"
        case .percent: "Percent"
        case .money(let currency): "Money (\(currency.code))"
        case .bool: "Bool"
        case .text: "Text"
        case .date: "Date"
        case .timestamp: "Timestamp"
        case .symbol(let family): family.rawValue
        case .enumeration(let type): type.name
        case .anyMoney: "Money"
        case .optional(let wrapped): wrapped.name + "?"
        case .list(let element): element == .unknown ? "List" : "list of \(element.name)"
        case .record(let record): record.name ?? "Record"
        case .tierTable: "tier table"
        }
    }

    var isNumeric: Bool { self == .number || self == .percent }

    /// What an optional's value is when present; nil for other types (a list of optionals,
    /// as `xs.optional_field` reads, counts as optional too).
    var optionalWrapped: StaticType? {
        switch self {
        case .optional(let wrapped): wrapped
        case .list(.optional(let wrapped)): .list(wrapped)
        default: nil
        }
    }

    var elementType: StaticType {
        if case .list(let element) = self { return element }
        return .unknown
    }

    /// The type two branches or list elements share; `unknown` when they disagree.
    func joined(with other: StaticType) -> StaticType {
        if self == other { return self }
        switch (self, other) {
        case (.number, .percent), (.percent, .number): return .number
        case (.money, .anyMoney), (.anyMoney, .money): return .anyMoney
        case (.list(let a), .list(let b)): return .list(a.joined(with: b))
        case (.record(let a), .record(let b)): return .record(a.merged(with: b))
        default: return .unknown
        }
    }
}

/// A record type: a declared `record` (closed: other fields are errors) or the shape of
/// record literals (open: `r.missing ?? 7` is allowed).
final class RecordType: @unchecked Sendable, Equatable {
    struct Field {
        let name: String
        let type: StaticType
        /// False when only some of the records merged into this type have the field.
        let alwaysPresent: Bool
    }

    let name: String?
    let fields: [Field]
    let isDeclared: Bool
    /// The runtime layout; literals of the same fields share it.
    let shape: RecordShape

    init(name: String?, fields: [Field], isDeclared: Bool, shape: RecordShape? = nil) {
        self.name = name
        self.fields = fields
        self.isDeclared = isDeclared
        self.shape = shape ?? RecordShape(name: name, fieldNames: fields.map(\.name))
    }

    func field(_ name: String) -> Field? { fields.first { $0.name == name } }

    static func == (lhs: RecordType, rhs: RecordType) -> Bool {
        lhs === rhs
            || (lhs.name == rhs.name && lhs.isDeclared == rhs.isDeclared && lhs.fields.map(\.name) == rhs.fields.map(\.name)
                && zip(lhs.fields, rhs.fields).allSatisfy { $0.type == $1.type })
    }

    /// The union of two literal shapes: fields of both, present always only when in both.
    func merged(with other: RecordType) -> RecordType {
        if self == other { return self }
        var fields: [Field] = []
        for field in self.fields {
            let theirs = other.field(field.name)
            fields.append(
                Field(
                    name: field.name, type: theirs.map { field.type.joined(with: $0.type) } ?? field.type,
                    alwaysPresent: field.alwaysPresent && (theirs?.alwaysPresent ?? false)))
        }
        for field in other.fields where self.field(field.name) == nil {
            fields.append(Field(name: field.name, type: field.type, alwaysPresent: false))
        }
        return RecordType(name: nil, fields: fields, isDeclared: false)
    }

    static let statementLine = RecordType(
        name: "Line",
        fields: [
            .init(name: "label", type: .text, alwaysPresent: true), .init(name: "amount", type: .unknown, alwaysPresent: true),
            // Only an itemized line's, and only when its item has a key (see `ItemKey`).
            .init(name: "item", type: .unknown, alwaysPresent: false),
        ],
        isDeclared: true, shape: .statementLine)
}
