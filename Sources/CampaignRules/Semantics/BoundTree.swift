// The checked program: every name lowered to a slot, every expression typed, ready to run.

/// A rule file after resolution and checking. The interpreter runs this; it holds no
/// names to look up, only slots: local (frame offset), global (index) and function (index).
public final class BoundProgram: @unchecked Sendable {
    let settings: CampaignSettings
    let globals: [GlobalDefinition]
    let functions: [BoundFunction]
    let tests: [BoundTest]
    let recordTypes: [String: DeclaredType.RecordDescriptor]

    init(
        settings: CampaignSettings, globals: [GlobalDefinition], functions: [BoundFunction], tests: [BoundTest],
        recordTypes: [String: DeclaredType.RecordDescriptor]
    ) {
        self.settings = settings
        self.globals = globals
        self.functions = functions
        self.tests = tests
        self.recordTypes = recordTypes
    }
}

/// What the `campaign` header says, with the defaults when it is absent.
public struct CampaignSettings: Sendable {
    public var name: String?
    public var currency: Currency = .usd
    /// How plan lines are rounded to the currency's minor unit.
    public var rounding: DecimalNumber.RoundingMode = .halfUp
    public var effective: ClosedRange<CalendarDate>?
    /// The zone in which a timestamp falls on a date (`timezone: "America/New_York"`).
    public var timezone: CampaignZone = .utc
}

/// Code that runs in a frame of its own: a global's initializer, a test, a plan.
struct Code {
    let body: BoundExpression
    let frameSize: Int
}

struct GlobalDefinition {
    enum Kind {
        case input(type: DeclaredType, defaultValue: Code?)
        case value(Code)
        case tierTable(BoundTierTable)
        case plan(BoundPlan)
    }
    let name: String
    let kind: Kind
    let range: SourceRange
    let type: StaticType
    /// True for `output` declarations, which `rules run` prints.
    let isOutput: Bool
}

final class BoundFunction {
    let name: String
    let parameterCount: Int
    /// Declared parameter types (`fn f(a: Money)`); nil where none was written.
    var parameterTypes: [(name: String, type: DeclaredType?)] = []
    let range: SourceRange
    var frameSize = 0
    var body: BoundExpression?

    init(name: String, parameterCount: Int, range: SourceRange) {
        self.name = name
        self.parameterCount = parameterCount
        self.range = range
    }
}

struct BoundTierTable {
    struct Bracket {
        let low: BoundExpression?
        let high: BoundExpression?
        let value: BoundExpression
        let range: SourceRange
    }
    let name: String
    let brackets: [Bracket]
    let frameSize: Int
}

struct BoundPlan {
    struct Line {
        let kind: PlanDeclaration.LineKind
        /// Text, or an interpolation evaluated per statement (and per item).
        let label: BoundExpression
        let writtenLabel: String
        /// The item's slot and name and the list, for an itemized line (`for o in orders`).
        let items: (slot: Int, name: String, list: BoundExpression)?
        let condition: BoundExpression?
        let amount: BoundExpression
        let range: SourceRange
    }
    /// What a statement's `key` is.
    enum KeySource {
        /// `key EXPR` in the plan.
        case expression(BoundExpression)
        /// A field of the subject: a group's `key`, or its `id`, `handle` or `name`.
        case field(String)
        /// The record of a group's named keys, in this shape.
        case group(RecordShape)
        /// The statement's position, 1 first.
        case position
        /// Decided per subject at run time, the same way, when the checker cannot tell.
        case inferred

        static let identifyingFields = ["id", "handle", "name"]
    }
    let name: String
    let subjectSlot: Int
    let subjects: BoundExpression
    let bindings: [(slot: Int, value: BoundExpression)]
    let lines: [Line]
    let key: KeySource
    let cap: BoundExpression?
    /// `carry LIST`: the balances brought forward, read once per plan.
    let carry: BoundExpression?
    let minimum: BoundExpression?
    let frameSize: Int
    let range: SourceRange
}

struct BoundTest {
    enum Step {
        case bind(slot: Int, value: BoundExpression)
        case expect(BoundExpression)
    }
    let name: String
    let range: SourceRange
    let givens: [(global: Int, value: BoundExpression, range: SourceRange)]
    let steps: [Step]
    let frameSize: Int
}

/// An expression with its resolved meaning, source range and static type.
struct BoundExpression {
    let kind: BoundKind
    let range: SourceRange
    let type: StaticType

    init(_ kind: BoundKind, _ range: SourceRange, _ type: StaticType) {
        self.kind = kind
        self.range = range
        self.type = type
    }
}

enum ArithmeticOperator: String {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
}

enum ComparisonOperator: String {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="
}

indirect enum BoundKind {
    /// Stands for an expression that failed to resolve; a program holding one never runs.
    case invalid
    case constant(Value)
    case local(Int)
    case global(Int)
    case list([BoundExpression])
    case record(RecordShape, [BoundExpression])
    case negate(BoundExpression)
    case not(BoundExpression)
    case arithmetic(ArithmeticOperator, BoundExpression, BoundExpression)
    case comparison(ComparisonOperator, BoundExpression, BoundExpression)
    case contains(element: BoundExpression, list: BoundExpression)
    case and(BoundExpression, BoundExpression)
    case or(BoundExpression, BoundExpression)
    /// `a.field ?? fallback` and `xs[i] ?? fallback`: the fallback when the field or element is missing.
    case orDefault(BoundExpression, BoundExpression)
    case call(function: Int, arguments: [BoundExpression])
    case host(HostFunction, arguments: [BoundExpression])
    case builtin(Builtin, arguments: [BoundExpression])
    case tierLookup(global: Int, argument: BoundExpression)
    case marginal(global: Int, argument: BoundExpression)
    case field(BoundExpression, name: String)
    case index(BoundExpression, BoundExpression)
    case ifElse(BoundExpression, BoundExpression, BoundExpression)
    /// `when { cond: value ... else: value }`.
    case when(arms: [(condition: BoundExpression, result: BoundExpression)], otherwise: BoundExpression?)
    /// `when subject { v1, v2: result ... else: value }`; the subject is evaluated once.
    case match(
        subject: BoundExpression, arms: [(patterns: [BoundExpression], result: BoundExpression)],
        otherwise: BoundExpression?)
    case query(BoundExpression, BoundClause, itSlot: Int)
    case allocate(BoundAllocation, itSlot: Int)
    /// `{ let a = ...; let b = ...; result }`: each binding stored to its slot in order.
    case block(bindings: [(slot: Int, value: BoundExpression)], result: BoundExpression)
    /// `"Order \(o.id)"`: the parts, text and values shown as `rules` prints them.
    case interpolation([BoundTextPart])
    /// `value in low to high`, both ends included.
    case between(BoundExpression, low: BoundExpression, high: BoundExpression)
}

enum BoundTextPart {
    case text(String)
    case value(BoundExpression)
}

enum BoundClause {
    case `where`(BoundExpression)
    case sort([(key: BoundExpression, descending: Bool)])
    case take(BoundExpression)
    case select(BoundExpression)
    /// The keys, and the shape of each group record: the key fields, then `items`.
    case group([BoundExpression], RecordShape)
    /// The value summed, and the field it is added as.
    case running(BoundExpression, name: String)
}

struct BoundAllocation {
    enum Method {
        case proportional(BoundExpression)
        case equally
        case greedy(BoundExpression)
    }
    let budget: BoundExpression
    let items: BoundExpression
    let method: Method
    let minimum: BoundExpression?
    let maximum: BoundExpression?
    let step: BoundExpression?
}
