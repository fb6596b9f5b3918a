// The syntax tree the parser builds: plain value types that follow the grammar one to one.

/// A parsed rule file: its declarations in source order.
public struct Program: Sendable {
    public var declarations: [Declaration]
}

/// A name as written, with where it was written (for diagnostics and the formatter).
public struct Identifier: Sendable, Hashable {
    public let name: String
    public let range: SourceRange
}

public enum Declaration: Sendable {
    case `import`(ImportDeclaration)
    case campaign(CampaignHeader)
    case record(RecordDeclaration)
    case enumeration(EnumDeclaration)
    case input(InputDeclaration)
    case `let`(LetDeclaration)
    case function(FunctionDeclaration)
    case tierTable(TierTable)
    case plan(PlanDeclaration)
    case output(OutputDeclaration)
    case test(TestDeclaration)

    public var range: SourceRange {
        switch self {
        case .import(let declaration): declaration.range
        case .campaign(let header): header.range
        case .record(let record): record.range
        case .enumeration(let enumeration): enumeration.range
        case .input(let input): input.range
        case .let(let binding): binding.range
        case .function(let function): function.range
        case .tierTable(let table): table.range
        case .plan(let plan): plan.range
        case .output(let output): output.range
        case .test(let test): test.range
        }
    }

    var isTest: Bool {
        if case .test = self { true } else { false }
    }

    var isImport: Bool {
        if case .import = self { true } else { false }
    }
}

/// `import "shared/rates.rules"`: another file's declarations (not its tests) used in this one.
public struct ImportDeclaration: Sendable {
    /// The path as written between the quotes.
    public let path: String
    /// Where the quoted path is, which an error about the import points at.
    public let pathRange: SourceRange
    public let range: SourceRange
}

public struct CampaignHeader: Sendable {
    public struct Setting: Sendable {
        public let key: Identifier
        public let value: Expression
        /// The end of a range setting: `effective: 2026-03-01 to 2026-05-31`.
        public let through: Expression?
    }
    public let name: String
    public let settings: [Setting]
    public let range: SourceRange
}

public struct RecordDeclaration: Sendable {
    public struct Field: Sendable {
        public let name: Identifier
        public let type: TypeAnnotation
        public let defaultValue: Expression?
        /// `from "Affiliate ID"`: the data column (or JSON key) the field is read from.
        public let column: String?
    }
    public let name: Identifier
    public let fields: [Field]
    public let range: SourceRange
}

/// `enum Status { pending, approved, reversed }`: a type whose values are written bare.
public struct EnumDeclaration: Sendable {
    public let name: Identifier
    public let cases: [Identifier]
    public let range: SourceRange
}

/// A type as written in a declaration: `Money`, `list of Affiliate`, `Date?`, `Money(currency)`.
public indirect enum TypeAnnotation: Sendable {
    case named(Identifier)
    case list(of: TypeAnnotation, range: SourceRange)
    /// `T?`: a field that may be missing.
    case optional(TypeAnnotation, range: SourceRange)
    /// `Money(EUR)` (a currency) or `Money(currency)` (a field of the same record naming it).
    case money(currency: Identifier, range: SourceRange)

    public var range: SourceRange {
        switch self {
        case .named(let name): name.range
        case .list(_, let range), .optional(_, let range), .money(_, let range): range
        }
    }
}

public struct InputDeclaration: Sendable {
    public let name: Identifier
    public let type: TypeAnnotation
    public let defaultValue: Expression?
    public let range: SourceRange
}

public struct LetDeclaration: Sendable {
    public let name: Identifier
    public let value: Expression
    public let range: SourceRange
}

public struct FunctionDeclaration: Sendable {
    public struct Parameter: Sendable {
        public let name: Identifier
        public let type: TypeAnnotation?
    }
    public let name: Identifier
    public let parameters: [Parameter]
    public let body: Block
    public let range: SourceRange
}

/// `{ let ... ; value }` or a single expression (`= expr`): bindings, then a result.
public struct Block: Sendable {
    public let bindings: [LetDeclaration]
    public let result: Expression
    /// True when written with braces; the formatter keeps the form.
    public let braced: Bool
}

public struct TierTable: Sendable {
    public struct Bracket: Sendable {
        /// Nil when open below (`..< high`).
        public let low: Expression?
        /// Nil when open above (`low ...`).
        public let high: Expression?
        public let value: Expression
        public let range: SourceRange
    }
    public let name: Identifier
    public let brackets: [Bracket]
    public let range: SourceRange
}

public struct PlanDeclaration: Sendable {
    public enum LineKind: String, Sendable {
        case commission, bonus, deduct
    }
    /// `for o in orders` on an itemized line: one line per item of the list.
    public struct Items: Sendable {
        public let name: Identifier
        public let list: Expression
    }
    public struct Line: Sendable {
        public let kind: LineKind
        /// A text literal, possibly interpolated (`"Order \(o.id)"`).
        public let label: Expression
        /// The label as written between its quotes, which names the line's column.
        public let writtenLabel: String
        public let items: Items?
        public let condition: Expression?
        public let amount: Expression
        public let range: SourceRange
    }
    public let name: Identifier
    public let subject: Identifier
    public let subjects: Expression
    /// `let` lines, evaluated for each subject before the lines.
    public let bindings: [LetDeclaration]
    public let lines: [Line]
    /// `key EXPR`: what identifies a statement (its group key or id when absent).
    public let key: Expression?
    public let cap: Expression?
    /// `carry LIST`: balances brought from the last period, by statement key.
    public let carry: Expression?
    public let minimum: Expression?
    public let range: SourceRange
}

public struct OutputDeclaration: Sendable {
    public let name: Identifier
    public let value: Expression
    public let range: SourceRange
}

public struct TestDeclaration: Sendable {
    public struct Given: Sendable {
        public let name: Identifier
        public let value: Expression
    }
    public enum Step: Sendable {
        case `let`(LetDeclaration)
        case expect(Expression)
    }
    public let name: String
    public let givens: [Given]
    public let steps: [Step]
    public let range: SourceRange
}

/// An expression and the source it covers.
public struct Expression: Sendable {
    public let kind: ExpressionKind
    public let range: SourceRange

    public init(_ kind: ExpressionKind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

/// Where a money literal's currency comes from.
public enum CurrencyMark: Sendable, Hashable {
    /// `$`: the campaign's currency (USD unless the campaign header says otherwise).
    case campaign
    case code(String)
}

public indirect enum ExpressionKind: Sendable {
    case number(DecimalNumber)
    case percent(DecimalNumber)
    case money(DecimalNumber, CurrencyMark)
    case text(String)
    /// `"Order \(o.id)"`: text with values shown in it.
    case interpolation([TextPart])
    case date(CalendarDate)
    case timestamp(Timestamp)
    case bool(Bool)
    case name(String)
    case it
    case list([Expression])
    case record([RecordField])
    case group(Expression)
    case unary(UnaryOperator, Expression)
    case binary(BinaryOperator, Expression, Expression)
    case call(callee: Identifier, arguments: [Expression])
    case field(Expression, Identifier)
    case index(Expression, Expression)
    case ifElse(condition: Expression, then: Expression, else: Expression)
    case when(subject: Expression?, arms: [WhenArm], otherwise: Expression?)
    case query(Expression, QueryClause)
    case allocate(Allocation)
    /// `d in 2026-03-01 to 2026-03-31`: true when `low <= value <= high`.
    case between(Expression, low: Expression, high: Expression)
}

/// A piece of an interpolated text literal.
public enum TextPart: Sendable {
    case text(String)
    case value(Expression)
}

public struct RecordField: Sendable {
    public let name: Identifier
    public let value: Expression
}

public enum UnaryOperator: String, Sendable {
    case negate = "-"
    case not = "not"
}

public enum BinaryOperator: String, Sendable, CaseIterable {
    case or, and
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="
    case `in`
    case orDefault = "??"
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
}

/// One arm of `when`: conditions (or, with a subject, values to match) and its result.
public struct WhenArm: Sendable {
    public let patterns: [Expression]
    public let result: Expression
}

public enum QueryClause: Sendable {
    case `where`(Expression)
    case sort([SortKey])
    case take(Expression)
    case select(Expression)
    /// `group by it.affiliate` (one unnamed key) or `group by a: it.a, m: it.m`.
    case group([GroupKey])
    /// `running mtd: it.amount`: each item gains the running sum as a field.
    case running(Identifier, Expression)
}

public struct GroupKey: Sendable {
    /// Nil for the single unnamed key, which groups name `key`.
    public let name: Identifier?
    public let key: Expression
}

public struct SortKey: Sendable {
    public let key: Expression
    public let descending: Bool
    /// True when `asc` or `desc` was written (the formatter keeps it).
    public let explicitDirection: Bool
}

public struct Allocation: Sendable {
    public enum Method: Sendable {
        case proportional(Expression)
        case equally
        case greedy(Expression)
    }
    public let budget: Expression
    public let items: Expression
    public let method: Method
    public let minimum: Expression?
    public let maximum: Expression?
    public let step: Expression?
}
