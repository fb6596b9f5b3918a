// Why a plan line has its amount: the deciding values of its condition and the tier brackets used.

/// The reasons behind one plan line or statement, as sentences an auditor can check.
public struct Explanation: Sendable, Hashable {
    public var facts: [String]

    public init(facts: [String]) {
        self.facts = facts
    }
}

/// Collects facts while one plan line is evaluated. Only present when a caller asked for
/// explanations, so ordinary evaluation pays one nil check per comparison.
final class ExplanationRecorder {
    /// A line that runs a query records a fact per element; beyond this many they are counted.
    static let maximumFacts = 12
    private var facts: [String] = []
    private var omitted = 0

    func record(_ fact: @autoclosure () -> String) {
        if facts.count < ExplanationRecorder.maximumFacts { facts.append(fact()) } else { omitted += 1 }
    }

    /// The facts so far, leaving the recorder empty for the next line.
    func take() -> [String] {
        defer {
            facts = []
            omitted = 0
        }
        return omitted == 0 ? facts : facts + ["… and \(omitted) more comparisons"]
    }
}

extension Machine {
    /// How an operand reads in a fact: its source text and value (`engagement_rate(a) = 7.80%`),
    /// or just the value when the source is a literal.
    func describe(_ node: Node, _ value: Value) -> String {
        if node is ConstantNode { return value.briefDescription }
        return "\(program.source.text(in: node.range)) = \(value.briefDescription)"
    }
}

extension ComparisonOperator {
    /// The operator as printed in explanations.
    var symbol: String {
        switch self {
        case .equal: "="
        case .notEqual: "≠"
        case .less: "<"
        case .lessEqual: "≤"
        case .greater: ">"
        case .greaterEqual: "≥"
        }
    }
}

extension Value {
    /// A value as an explanation shows it: percents to two places in points, long decimals
    /// to four places, marked `≈` when that display rounds.
    var briefDescription: String {
        func shortened(_ value: DecimalNumber, places: Int) -> (DecimalNumber, Bool) {
            guard -value.exponent > places, let rounded = try? value.rounded(places: places, rounding: .halfEven) else { return (value, false) }
            return (rounded, rounded.compare(value) != 0)
        }
        switch self {
        case .percent(let fraction):
            let (shown, approximate) = shortened(fraction, places: 4)
            return (approximate ? "≈" : "") + Value.percent(shown).description
        case .number(let number):
            let (shown, approximate) = shortened(number, places: 4)
            return (approximate ? "≈" : "") + shown.plainDescription
        case .money(let amount, let currency):
            let (shown, approximate) = shortened(amount, places: 4)
            return (approximate ? "≈" : "") + Value.money(shown, currency).description
        case .list(let items) where items.count > 6:
            return "[" + items.prefix(5).map(\.briefDescription).joined(separator: ", ") + ", … \(items.count - 5) more]"
        case .list(let items):
            return "[" + items.map(\.briefDescription).joined(separator: ", ") + "]"
        case .record(let record):
            return TablePrinter.cell(.record(record))
        default:
            return description
        }
    }
}

extension Value {
    /// An item of an itemized line as its explanation shows it: a record's fields (the first
    /// eight, values shortened as `briefDescription` does), anything else briefly.
    var itemDescription: String {
        guard case .record(let record) = self else { return briefDescription }
        let shown = zip(record.shape.fieldNames, record.values).prefix(8).map { name, value -> String in
            if case .list(let items) = value { return "\(name): \(items.count) items" }
            return "\(name): \(value.briefDescription)"
        }
        let more = record.values.count > 8 ? ", …" : ""
        return "{" + shown.joined(separator: ", ") + more + "}"
    }
}
