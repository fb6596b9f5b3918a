// The parts of a failed `expect` worth showing with their values, as power assertions do.

extension BoundExpression {
    /// At most this many parts are shown, and no deeper than this below the expectation.
    static let shownPartCount = 8
    static let shownPartDepth = 3

    /// The sub-expressions of an expectation whose values explain a failure, in source order:
    /// calls, fields, arithmetic, locals and the like, but not literals (their value is what
    /// they say) and not the insides of a query's clauses, a block or an allocation's weight,
    /// whose names (`it`, a block's `let`s) have no value outside them.
    var shownParts: [BoundExpression] {
        var parts: [BoundExpression] = []
        // A comparison's two sides are already in its message ("left is …, right is …").
        let sidesShown: Bool = if case .comparison = kind { true } else { false }
        func visit(_ expression: BoundExpression, depth: Int) {
            guard depth <= BoundExpression.shownPartDepth else { return }
            if case .constant = expression.kind { return }
            if depth > 1 || (depth == 1 && !sidesShown) { parts.append(expression) }
            for child in expression.evaluableChildren { visit(child, depth: depth + 1) }
        }
        visit(self, depth: 0)
        var seen: Set<SourceRange> = []
        return Array(
            parts.filter { seen.insert($0.range).inserted }.sorted { $0.range.start < $1.range.start }.prefix(BoundExpression.shownPartCount))
    }

    /// The children that can be evaluated in the expectation's own frame.
    private var evaluableChildren: [BoundExpression] {
        switch kind {
        case .invalid, .constant, .local, .global, .block: []
        case .list(let items): items
        case .record(_, let fields): fields
        case .negate(let operand), .not(let operand): [operand]
        case .arithmetic(_, let left, let right), .comparison(_, let left, let right), .and(let left, let right),
            .or(let left, let right), .orDefault(let left, let right), .contains(let left, let right), .index(let left, let right):
            [left, right]
        case .call(_, let arguments), .host(_, let arguments), .builtin(_, let arguments): arguments
        case .tierLookup(_, let argument), .marginal(_, let argument): [argument]
        case .field(let base, _): [base]
        case .ifElse(let test, let then, let otherwise): [test, then, otherwise]
        case .when(let arms, let otherwise): arms.flatMap { [$0.condition, $0.result] } + (otherwise.map { [$0] } ?? [])
        case .match(let subject, _, _): [subject]
        case .query(let source, let clause, _):
            if case .take(let count) = clause { [source, count] } else { [source] }
        case .allocate(let allocation, _): [allocation.budget, allocation.items]
        case .interpolation(let parts): parts.compactMap { if case .value(let value) = $0 { value } else { nil } }
        case .between(let value, let low, let high): [value, low, high]
        }
    }
}
