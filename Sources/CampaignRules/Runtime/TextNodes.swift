// Nodes for text that shows values (`"Order \(o.id)"`) and for ranges (`d in a to b`).

/// `"Order \(o.order_id)"`: the text parts with each value as `rules` prints it (text without
/// its quotes).
final class InterpolationNode: Node {
    enum Part {
        case text(String)
        case value(Node)
    }
    let parts: [Part]
    init(parts: [Part], range: SourceRange) {
        self.parts = parts
        super.init(range: range)
    }

    override func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        var text = ""
        for part in parts {
            switch part {
            case .text(let piece): text += piece
            case .value(let node): text += try InterpolationNode.shown(try node.evaluate(machine), at: node.range)
            }
        }
        try machine.created(48 + text.utf8.count, at: range)
        return .text(text)
    }

    /// A value as it reads in text; lists, records and tier tables are refused, since a label
    /// holding a whole record is never what was meant.
    static func shown(_ value: Value, at range: SourceRange) throws(RuntimeError) -> String {
        switch value {
        case .list, .record, .tierTable, .missing:
            throw RuntimeError(
                .notShowable, at: range, "\(value.kindName) cannot be shown in text",
                fix: "show one of its fields or a number computed from it")
        default:
            return value.plainText
        }
    }
}

/// `value in low to high`: true when `low <= value <= high`.
final class BetweenNode: Node {
    let value: Node
    let low: Node
    let high: Node
    init(value: Node, low: Node, high: Node, range: SourceRange) {
        self.value = value
        self.low = low
        self.high = high
        super.init(range: range)
    }

    override func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        .bool(try condition(machine))
    }

    override func condition(_ machine: Machine) throws(RuntimeError) -> Bool {
        let x = try value.evaluate(machine), a = try low.evaluate(machine), b = try high.evaluate(machine)
        let aboveLow = try ComparisonNode.holds(.greaterEqual, x, a, low.range)
        let belowHigh = try ComparisonNode.holds(.lessEqual, x, b, high.range)
        let result = aboveLow && belowHigh
        if let recorder = machine.recorder {
            recorder.record("\(machine.describe(value, x)) in \(a.briefDescription) to \(b.briefDescription)" + (result ? "" : " is false"))
        }
        return result
    }
}
