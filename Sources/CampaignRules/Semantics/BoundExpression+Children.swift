// The direct subexpressions of a checked expression, for walks that treat them all alike.

extension BoundExpression {
    /// Calls `body` with each direct subexpression, in source order.
    func forEachChild(_ body: (BoundExpression) -> Void) {
        switch kind {
        case .invalid, .constant, .local, .global: break
        case .list(let elements), .record(_, let elements): elements.forEach(body)
        case .negate(let operand), .not(let operand), .tierLookup(_, let operand), .marginal(_, let operand): body(operand)
        case .arithmetic(_, let left, let right), .comparison(_, let left, let right), .contains(let left, let right),
            .and(let left, let right), .or(let left, let right), .orDefault(let left, let right), .index(let left, let right):
            body(left)
            body(right)
        case .call(_, let arguments), .host(_, let arguments), .builtin(_, let arguments): arguments.forEach(body)
        case .field(let base, _): body(base)
        case .ifElse(let condition, let then, let otherwise): [condition, then, otherwise].forEach(body)
        case .when(let arms, let otherwise):
            for arm in arms {
                body(arm.condition)
                body(arm.result)
            }
            otherwise.map(body)
        case .match(let subject, let arms, let otherwise):
            body(subject)
            for arm in arms {
                arm.patterns.forEach(body)
                body(arm.result)
            }
            otherwise.map(body)
        case .query(let source, let clause, _):
            body(source)
            switch clause {
            case .where(let value), .take(let value), .select(let value), .running(let value, _): body(value)
            case .sort(let keys): keys.map(\.key).forEach(body)
            case .group(let keys, _): keys.forEach(body)
            }
        case .allocate(let allocation, _):
            body(allocation.budget)
            body(allocation.items)
            switch allocation.method {
            case .proportional(let weight), .greedy(let weight): body(weight)
            case .equally: break
            }
            [allocation.minimum, allocation.maximum, allocation.step].compactMap { $0 }.forEach(body)
        case .block(let bindings, let result):
            bindings.map(\.value).forEach(body)
            body(result)
        case .interpolation(let parts):
            for case .value(let value) in parts { body(value) }
        case .between(let value, let low, let high): [value, low, high].forEach(body)
        }
    }
}

extension BoundExpression {
    /// Whether the local at `slot` is read only as `slot.FIELD` for fields other than
    /// `field`, so a record bound there need not hold that field (`payouts select
    /// it.total - it.carried.amount` never needs a statement's subject). A local passed on
    /// whole, to a function or a binding, may be read any way.
    func readsLocal(_ slot: Int, onlyWithout field: String) -> Bool {
        switch kind {
        case .local(let local): return local != slot
        case .field(let base, let name):
            if case .local(let local) = base.kind, local == slot { return name != field }
        default: break
        }
        var only = true
        forEachChild { child in
            if only { only = child.readsLocal(slot, onlyWithout: field) }
        }
        return only
    }
}
