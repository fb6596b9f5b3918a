// How many steps one evaluation of an expression counts for its own operations.

extension BoundExpression {
    /// The steps one evaluation of this expression counts: one for every operation in it,
    /// branches not taken included, so the count is known before it runs.
    ///
    /// Work that depends on the data is counted where it happens, not here: each item of a
    /// loop inside the expression counts its body's operations (`perItem`), a call counts its
    /// function's body, and a built-in counts the items it visits. Counting every operation
    /// is what makes the step limit bound time: a list literal of a thousand items evaluated
    /// a million times counts a billion steps. The general evaluator and the row kernels
    /// count from this one definition, so both stop at the same row.
    var operations: Int {
        switch kind {
        case .invalid, .constant, .local, .global:
            return 1
        case .list(let items):
            return items.reduce(1) { $0 + $1.operations }
        case .record(_, let fields):
            return fields.reduce(1) { $0 + $1.operations }
        case .negate(let operand), .not(let operand):
            return 1 + operand.operations
        case .arithmetic(_, let left, let right), .comparison(_, let left, let right), .and(let left, let right),
            .or(let left, let right), .orDefault(let left, let right), .contains(let left, let right),
            .index(let left, let right):
            return 1 + left.operations + right.operations
        case .call(_, let arguments), .host(_, let arguments), .builtin(_, let arguments):
            return arguments.reduce(1) { $0 + $1.operations }
        case .tierLookup(_, let argument), .marginal(_, let argument):
            return 1 + argument.operations
        case .field(let base, _):
            return 1 + base.operations
        case .ifElse(let test, let then, let otherwise):
            return 1 + test.operations + then.operations + otherwise.operations
        case .when(let arms, let otherwise):
            return arms.reduce(1 + (otherwise?.operations ?? 0)) { $0 + $1.condition.operations + $1.result.operations }
        case .match(let subject, let arms, let otherwise):
            return arms.reduce(1 + subject.operations + (otherwise?.operations ?? 0)) { total, arm in
                arm.patterns.reduce(total + arm.result.operations) { $0 + $1.operations }
            }
        case .query(let source, let clause, _):
            if case .take(let count) = clause { return 1 + source.operations + count.operations }
            return 1 + source.operations
        case .allocate(let allocation, _):
            return [allocation.budget, allocation.items, allocation.minimum, allocation.maximum, allocation.step]
                .reduce(1) { $0 + ($1?.operations ?? 0) }
        case .block(let bindings, let result):
            return bindings.reduce(1 + result.operations) { $0 + $1.value.operations }
        case .interpolation(let parts):
            return parts.reduce(1) { total, part in
                if case .value(let value) = part { return total + value.operations }
                return total
            }
        case .between(let value, let low, let high):
            return 1 + value.operations + low.operations + high.operations
        }
    }

    /// The steps each item of a loop counts: one for the item, and its body's operations.
    static func perItem(_ bodies: [BoundExpression?]) -> Int {
        bodies.reduce(1) { $0 + ($1?.operations ?? 0) }
    }
}
