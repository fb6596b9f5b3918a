// Which `let`s a kernel may compile at their one use instead of storing them.

/// Decides whether a `let` can be compiled where it is used rather than stored in a register.
///
/// The general evaluator computes every `let` before what follows it. Computing it at its use
/// instead gives the same result only when nothing can tell the difference: the `let` is used
/// exactly once, that use runs on every path (not in a branch of `if`, nor on the right of
/// `and` or `or`, where it might be skipped and an error it would raise be missed), and its
/// value makes no call (calls count steps). Errors themselves cannot tell: a kernel never
/// reports one, it hands the row to the general evaluator.
enum KernelUses {
    static func isInlinable(
        _ binding: (slot: Int, value: BoundExpression),
        after later: ArraySlice<(slot: Int, value: BoundExpression)>, _ result: BoundExpression
    ) -> Bool {
        guard !makesCalls(binding.value) else { return false }
        var count = Count()
        for other in later { count.add(binding.slot, in: other.value, inBranch: false) }
        count.add(binding.slot, in: result, inBranch: false)
        return count.uses == 1 && !count.inBranch && !count.unknown
    }

    private struct Count {
        var uses = 0
        var inBranch = false
        /// Set by an expression the analysis does not look into, where a use could hide.
        var unknown = false

        mutating func add(_ slot: Int, in expression: BoundExpression, inBranch branch: Bool) {
            switch expression.kind {
            case .local(let used):
                if used == slot {
                    uses += 1
                    if branch { inBranch = true }
                }
            case .constant, .global: break
            case .field(let base, _): add(slot, in: base, inBranch: branch)
            case .negate(let operand), .not(let operand): add(slot, in: operand, inBranch: branch)
            case .arithmetic(_, let left, let right), .comparison(_, let left, let right):
                add(slot, in: left, inBranch: branch)
                add(slot, in: right, inBranch: branch)
            case .and(let left, let right), .or(let left, let right):
                add(slot, in: left, inBranch: branch)
                add(slot, in: right, inBranch: true)
            case .ifElse(let test, let then, let otherwise):
                add(slot, in: test, inBranch: branch)
                add(slot, in: then, inBranch: true)
                add(slot, in: otherwise, inBranch: true)
            case .call(_, let arguments), .builtin(_, let arguments):
                for argument in arguments { add(slot, in: argument, inBranch: branch) }
            case .tierLookup(_, let argument): add(slot, in: argument, inBranch: branch)
            case .block(let bindings, let result):
                for binding in bindings { add(slot, in: binding.value, inBranch: branch) }
                add(slot, in: result, inBranch: branch)
            default:
                unknown = true
            }
        }
    }

    /// Whether evaluating the expression may call a function (or do anything else the
    /// analysis does not follow).
    private static func makesCalls(_ expression: BoundExpression) -> Bool {
        switch expression.kind {
        case .local, .constant, .global: false
        case .field(let base, _): makesCalls(base)
        case .negate(let operand), .not(let operand): makesCalls(operand)
        case .arithmetic(_, let left, let right), .comparison(_, let left, let right), .and(let left, let right), .or(let left, let right):
            makesCalls(left) || makesCalls(right)
        case .ifElse(let test, let then, let otherwise): makesCalls(test) || makesCalls(then) || makesCalls(otherwise)
        case .builtin(let builtin, let arguments):
            ![.round, .min, .max, .abs].contains(builtin) || arguments.contains(where: makesCalls)
        case .tierLookup(_, let argument): makesCalls(argument)
        case .block(let bindings, let result): bindings.contains { makesCalls($0.value) } || makesCalls(result)
        default: true
        }
    }
}
