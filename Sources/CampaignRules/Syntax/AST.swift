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
    case campaign(CampaignHeader)
    case record(RecordDeclaration)
    case input(InputDeclaration)
    case `let`(LetDeclaration)
    case function(FunctionDeclaration)
    case tierTable(TierTable)
    case plan(PlanDeclaration)
    case output(OutputDeclaration)
    case test(TestDeclaration)

    public var range: SourceRange {
        switch self {
        case .campaign(let header): header.range
        case .record(let record): record.range
        case .input(let input): input.range
        case .let(let binding): binding.range
        case .function(let function): function.range
        case .tierTable(let table): table.range
        case .plan(let plan): plan.range
        case .output(let output): output.range
        case .test(let test): test.range
        }
    }
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
    }
    public let name: Identifier
    public let fields: [Field]
    public let range: SourceRange
}

/// A type as written in a declaration: `Money`, `list of Affiliate`.
public indirect enum TypeAnnotation: Sendable {
    case named(Identifier)
    case list(of: TypeAnnotation, range: SourceRange)

    public var range: SourceRange {
        switch self {
        case .named(let name): name.range
        case .list(_, let range): range
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
    public struct Line: Sendable {
        public let kind: LineKind
        public let label: String
        public let condition: Expression?
        public let amount: Expression
        public let range: SourceRange
    }
    public let name: Identifier
    public let subject: Identifier
    public let subjects: Expression
    public let lines: [Line]
    public let cap: Expression?
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
    case date(CalendarDate)
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
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case `in`
    case orDefault = "??"
    case add = "+", subtract = "-", multiply = "*", divide = "/"
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
