// The formatter's layout of expressions: one line when they fit, lists and `when` broken over
// lines when written that way or too long.

extension Formatter {
    /// The expression on one line (`when` arms separated by `;`), for heads of blocks.
    func inline(_ expression: Expression) -> String {
        var copy = self
        return copy.render(expression, depth: 0, breaks: false)
    }

    /// The expression, broken over lines where the layout calls for it; continuation lines are
    /// indented relative to the line the expression starts on (`depth` levels deep).
    mutating func expression(_ expression: Expression, depth: Int) -> String {
        render(expression, depth: depth, breaks: true)
    }

    func indent(_ depth: Int) -> String { String(repeating: Formatter.unit, count: depth) }

    /// Whether the source wrote this construct over more than one line.
    func wasMultiline(_ range: SourceRange) -> Bool {
        line(of: range.start) != line(of: max(range.start, range.end - 1))
    }

    mutating func render(_ expression: Expression, depth: Int, breaks: Bool) -> String {
        let range = expression.range
        switch expression.kind {
        case .number, .percent, .money, .date, .timestamp, .text, .interpolation:
            return source.text(in: range)
        case .bool(let flag): return flag ? "true" : "false"
        case .name(let name): return name
        case .it: return "it"
        case .group(let inner): return renderGroup(inner, range, depth: depth, breaks: breaks)
        case .unary(let op, let operand):
            return (op == .not ? "not " : "-") + render(operand, depth: depth, breaks: breaks)
        case .binary(let op, let left, let right):
            if breaks, op == .and || op == .or, let lines = renderLogicChain(expression, depth: depth) { return lines }
            return render(left, depth: depth, breaks: breaks) + " \(op.rawValue) " + render(right, depth: depth, breaks: breaks)
        case .field(let base, let name):
            return render(base, depth: depth, breaks: breaks) + "." + name.name
        case .index(let base, let index):
            return render(base, depth: depth, breaks: breaks) + "[" + render(index, depth: depth, breaks: breaks) + "]"
        case .call(let callee, let arguments):
            return callee.name
                + sequence(arguments.map { ($0.range, $0) }, open: "(", close: ")", range: range, depth: depth, breaks: breaks) {
                    $0.render($1, depth: depth + 1, breaks: breaks)
                }
        case .list(let items):
            let table = recordTable(items)
            return sequence(Array(zip(items.map(\.range), items.indices)), open: "[", close: "]", range: range, depth: depth, breaks: breaks) {
                table?[$1] ?? $0.render(items[$1], depth: depth + 1, breaks: breaks)
            }
        case .record(let fields):
            return sequence(
                fields.map { ($0.name.range.joined(with: $0.value.range), $0) }, open: "{", close: "}", range: range,
                depth: depth, breaks: breaks
            ) { formatter, field in
                field.name.name + ": " + formatter.render(field.value, depth: depth + 1, breaks: breaks)
            }
        case .ifElse(let condition, let then, let otherwise):
            if breaks, let lines = renderIfChain(expression, depth: depth) { return lines }
            return
                "if \(render(condition, depth: depth, breaks: breaks)) then \(render(then, depth: depth, breaks: breaks)) else \(render(otherwise, depth: depth, breaks: breaks))"
        case .when(let subject, let arms, let otherwise):
            return renderWhen(subject, arms, otherwise, range, depth: depth, breaks: breaks)
        case .query:
            return renderQuery(expression, depth: depth, breaks: breaks)
        case .allocate(let allocation):
            return renderAllocation(allocation, range, depth: depth, breaks: breaks)
        case .between(let value, let low, let high):
            return render(value, depth: depth, breaks: breaks) + " in " + render(low, depth: depth, breaks: breaks) + " to "
                + render(high, depth: depth, breaks: breaks)
        }
    }

    /// A bracketed, comma-separated sequence: on one line when it fits and was written on one
    /// line, else one item per line with a trailing comma and its comments kept.
    mutating func sequence<Item>(
        _ items: [(SourceRange, Item)], open: String, close: String, range: SourceRange, depth: Int, breaks: Bool,
        render item: (inout Formatter, Item) -> String
    ) -> String {
        var flat = self
        let single = open + items.map { item(&flat, $0.1) }.joined(separator: ", ") + close
        let tooLong = single.count + depth * Formatter.unit.count > Formatter.lineWidth - 20
        guard breaks, !items.isEmpty, wasMultiline(range) || tooLong || comments.hasComment(inside: range) else { return single }
        var lines = [open + trailingCommentText(onLineOf: range.start)]
        var trailing: [(line: Int, comment: String)] = []
        for (itemRange, value) in items {
            lines += commentLines(before: itemRange.start, depth: depth + 1)
            lines.append(indent(depth + 1) + item(&self, value) + ",")
            if let comment = comments.trailing(onLineOf: max(0, itemRange.end - 1), after: itemRange.end) {
                trailing.append((lines.count - 1, comment.text))
            }
        }
        // Comments ending the items' lines start in one column.
        let column = (trailing.map { lines[$0.line].count }.max() ?? 0) + 2
        for (line, comment) in trailing { lines[line] = lines[line].padding(to: column) + comment }
        lines += commentLines(before: range.end, depth: depth + 1)
        return lines.joined(separator: "\n") + "\n" + indent(depth) + close
    }

    /// `( ... )`: on one line, or — when written over several lines or too long — a chain of
    /// `+`/`-`, `and` or `or` with one operand per line, each after its operator.
    mutating func renderGroup(_ inner: Expression, _ range: SourceRange, depth: Int, breaks: Bool) -> String {
        let operands = chain(inner)
        guard breaks, operands.count > 2,
            wasMultiline(range) || inline(inner).count + depth * Formatter.unit.count > Formatter.lineWidth - 20
        else {
            return "(" + render(inner, depth: depth, breaks: breaks) + ")"
        }
        var text = "(\n"
        for operand in operands {
            text += indent(depth + 1) + (operand.op.map { $0.rawValue + " " } ?? "") + render(operand.expression, depth: depth + 1, breaks: breaks)
            text += "\n"
        }
        return text + indent(depth) + ")"
    }

    /// Whether an expression written on one line at `depth` would pass the line width.
    func isTooLong(_ expression: Expression, depth: Int) -> Bool {
        inline(expression).count + depth * Formatter.unit.count > Formatter.lineWidth - 20
    }

    /// `a and b and c` one condition a line, each after its `and` or `or`, one level deeper
    /// than the line it starts on: when written that way (the clause-per-line layout the docs
    /// recommend) or too long for one line. Nil to keep it on one line.
    mutating func renderLogicChain(_ expression: Expression, depth: Int) -> String? {
        let operands = chain(expression)
        guard operands.count > 1, wasMultiline(expression.range) || isTooLong(expression, depth: depth) else { return nil }
        return operands.map { operand in
            let text = render(operand.expression, depth: depth + 1, breaks: true)
            return operand.op.map { "\n" + indent(depth + 1) + $0.rawValue + " " + text } ?? text
        }.joined()
    }

    /// `if a then x`, then `else if b then y`, then `else z`, each on a line of its own one level
    /// deeper: when written over several lines or too long for one. Nil to keep it on one line.
    mutating func renderIfChain(_ expression: Expression, depth: Int) -> String? {
        guard wasMultiline(expression.range) || isTooLong(expression, depth: depth) else { return nil }
        var text = "", current = expression, first = true
        while case .ifElse(let condition, let then, let otherwise) = current.kind {
            text +=
                (first ? "" : "\n" + indent(depth + 1) + "else ")
                + "if \(render(condition, depth: depth + 1, breaks: true)) then \(render(then, depth: depth + 1, breaks: true))"
            first = false
            current = otherwise
        }
        return text + "\n" + indent(depth + 1) + "else " + render(current, depth: depth + 1, breaks: true)
    }

    /// The operands of a left-associative chain of one operator family (`+ -`, `and`, `or`),
    /// each with the operator before it; a single operand for anything else.
    func chain(_ expression: Expression) -> [(op: BinaryOperator?, expression: Expression)] {
        guard case .binary(let op, let left, let right) = expression.kind, let family = Formatter.family(op) else {
            return [(nil, expression)]
        }
        var operands: [(op: BinaryOperator?, expression: Expression)] = []
        var current = left
        var tail: [(op: BinaryOperator?, expression: Expression)] = [(op, right)]
        while case .binary(let inner, let innerLeft, let innerRight) = current.kind, Formatter.family(inner) == family {
            tail.insert((inner, innerRight), at: 0)
            current = innerLeft
        }
        operands.append((nil, current))
        return operands + tail
    }

    static func family(_ op: BinaryOperator) -> Int? {
        switch op {
        case .add, .subtract: 1
        case .and: 2
        case .or: 3
        default: nil
        }
    }

    /// A chain of query clauses: on one line when it fits and was written so, else one clause
    /// per line under the list it starts from.
    mutating func renderQuery(_ expression: Expression, depth: Int, breaks: Bool) -> String {
        var clauses: [QueryClause] = []
        var base = expression
        while case .query(let source, let clause) = base.kind {
            clauses.insert(clause, at: 0)
            base = source
        }
        let split =
            breaks
            && (wasMultiline(expression.range) && clauses.count > 1
                || inline(expression).count + depth * Formatter.unit.count > Formatter.lineWidth - 20)
        var text = render(base, depth: depth, breaks: breaks)
        for clause in clauses {
            let clauseDepth = split ? depth + 1 : depth
            text += split ? "\n" + indent(clauseDepth) : " "
            switch clause {
            case .where(let condition): text += "where " + render(condition, depth: clauseDepth, breaks: breaks)
            case .take(let count): text += "take " + render(count, depth: clauseDepth, breaks: breaks)
            case .select(let projection): text += "select " + render(projection, depth: clauseDepth, breaks: breaks)
            case .sort(let keys):
                text +=
                    "sort by "
                    + keys.map { key in
                        render(key.key, depth: clauseDepth, breaks: breaks) + (key.explicitDirection ? (key.descending ? " desc" : " asc") : "")
                    }.joined(separator: ", ")
            case .group(let keys):
                text +=
                    "group by "
                    + keys.map { key in
                        (key.name.map { $0.name + ": " } ?? "") + render(key.key, depth: clauseDepth, breaks: breaks)
                    }.joined(separator: ", ")
            case .running(let name, let value):
                text += "running \(name.name): " + render(value, depth: clauseDepth, breaks: breaks)
            }
        }
        return text
    }

    /// A list of record literals written one per line reads as a table: each field padded so
    /// the columns line up, for as long as the records share field names in order. Nil when the
    /// items are not all one-line record literals.
    func recordTable(_ items: [Expression]) -> [String]? {
        var rows: [[(name: String, text: String)]] = []
        for item in items {
            guard case .record(let fields) = item.kind, wasMultiline(item.range) == false, !comments.hasComment(inside: item.range) else {
                return nil
            }
            rows.append(fields.map { ($0.name.name, $0.name.name + ": " + inline($0.value)) })
        }
        guard rows.count > 1 else { return nil }
        var widths: [Int] = []
        for column in 0..<(rows.map(\.count).max() ?? 0) {
            let cells = rows.compactMap { column < $0.count ? $0[column] : nil }
            guard cells.count == rows.count, Set(cells.map(\.name)).count == 1 else { break }
            widths.append(cells.map(\.text.count).max() ?? 0)
        }
        return rows.map { row in
            "{"
                + row.enumerated().map { column, cell in
                    let last = column == row.count - 1
                    let text = cell.text + (last ? "" : ",")
                    return column < widths.count && !last ? text.padding(to: widths[column] + 1) : text
                }.joined(separator: " ") + "}"
        }
    }

    /// `  # comment` when a trailing comment ends the line of `offset` (the line that opens a
    /// block or list), so it stays on that line; empty otherwise.
    mutating func trailingCommentText(onLineOf offset: Int) -> String {
        guard comments.hasComment(before: Int.max), let comment = comments.peek, comment.isTrailing,
            line(of: comment.range.start) == line(of: offset)
        else { return "" }
        _ = comments.next(before: Int.max)
        return "  " + comment.text
    }

    /// The own-line comments before `offset`, as lines at `depth`.
    mutating func commentLines(before offset: Int, depth: Int) -> [String] {
        var lines: [String] = []
        while let comment = comments.next(before: offset) {
            if comment.isTrailing, !lines.isEmpty {
                lines[lines.count - 1] += "  " + comment.text
            } else {
                lines.append(indent(depth) + comment.text)
            }
        }
        return lines
    }

    mutating func renderWhen(
        _ subject: Expression?, _ arms: [WhenArm], _ otherwise: Expression?, _ range: SourceRange,
        depth: Int, breaks: Bool
    ) -> String {
        let head = "when " + (subject.map { render($0, depth: depth, breaks: breaks) + " " } ?? "") + "{"
        var entries = arms.map { arm in
            (
                arm.patterns[0].range.joined(with: arm.result.range),
                arm.patterns.map { render($0, depth: depth + 1, breaks: breaks) }.joined(separator: ", ") + ": "
                    + render(arm.result, depth: depth + 1, breaks: breaks)
            )
        }
        if let otherwise { entries.append((otherwise.range, "else: " + render(otherwise, depth: depth + 1, breaks: breaks))) }
        let single = head + " " + entries.map(\.1).joined(separator: "; ") + " }"
        // Written on one line and short enough: it stays on one line, arms separated by `;`.
        guard breaks, wasMultiline(range) || single.count + depth * Formatter.unit.count > Formatter.lineWidth - 20 else { return single }
        var lines = [head + trailingCommentText(onLineOf: range.start)]
        for (entryRange, text) in entries {
            lines += commentLines(before: entryRange.start, depth: depth + 1)
            var line = indent(depth + 1) + text
            if let comment = comments.trailing(onLineOf: max(0, entryRange.end - 1), after: entryRange.end) { line += "  " + comment.text }
            lines.append(line)
        }
        lines += commentLines(before: range.end, depth: depth + 1)
        return lines.joined(separator: "\n") + "\n" + indent(depth) + "}"
    }

    /// `allocate B across ITEMS by W min … max … step …`: on one line when it fits; a clause
    /// (the method or a bound) the source started on a new line keeps its own line, and an
    /// allocation too long for one line puts every clause on its own line, one level deeper.
    mutating func renderAllocation(_ allocation: Allocation, _ range: SourceRange, depth: Int, breaks: Bool) -> String {
        var clauses: [(text: String, start: Int?)] = []
        switch allocation.method {
        case .proportional(let weight): clauses.append(("by " + render(weight, depth: depth + 1, breaks: breaks), weight.range.start))
        case .equally: clauses.append(("equally", nil))
        case .greedy(let score): clauses.append(("greedy by " + render(score, depth: depth + 1, breaks: breaks), score.range.start))
        }
        for (word, bound) in [("min", allocation.minimum), ("max", allocation.maximum), ("step", allocation.step)] {
            if let bound { clauses.append(("\(word) " + render(bound, depth: depth + 1, breaks: breaks), bound.range.start)) }
        }
        let head =
            "allocate \(render(allocation.budget, depth: depth, breaks: breaks)) across \(render(allocation.items, depth: depth, breaks: breaks))"
        let single = ([head] + clauses.map(\.text)).joined(separator: " ")
        let tooLong = single.count + depth * Formatter.unit.count > Formatter.lineWidth - 20
        guard breaks, tooLong || wasMultiline(range) else { return single }
        var text = head
        var lastLine = line(of: max(allocation.items.range.start, allocation.items.range.end - 1))
        for clause in clauses {
            let startLine = clause.start.map { line(of: $0) }
            if tooLong || (startLine.map { $0 != lastLine } ?? false) {
                text += "\n" + indent(depth + 1) + clause.text
            } else {
                text += " " + clause.text
            }
            if let startLine { lastLine = startLine }
        }
        return text
    }
}
