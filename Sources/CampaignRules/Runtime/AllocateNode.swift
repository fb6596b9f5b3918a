// The node for `allocate`: evaluates budget, items, weights and bounds, then splits the budget.

final class AllocateNode: Node {
    /// How the budget is split; a weight or score is a `select` over the items, so a table's
    /// rows are weighed by the row kernels, by column, where they can be.
    enum Method {
        case proportional(SelectNode)
        case equally
        case greedy(SelectNode)
    }
    let budget: Node, items: Node
    let method: Method
    let minimum: Node?, maximum: Node?, step: Node?

    init(budget: Node, items: Node, method: Method, minimum: Node?, maximum: Node?, step: Node?, range: SourceRange) {
        self.budget = budget
        self.items = items
        self.method = method
        self.minimum = minimum
        self.maximum = maximum
        self.step = step
        super.init(range: range)
    }

    override func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        guard case .money(let total, let currency) = try budget.evaluate(machine) else {
            throw RuntimeError(.typeMismatch, at: budget.range, "an allocation's budget must be money", fix: "write it as money, such as `$10_000`")
        }
        let list = try items.list(machine)
        // The rows' amounts, and the work of the split itself (a sort of the items, then passes over them).
        try machine.created(list.count * Machine.amountBytes, at: range)
        try machine.step(range, Machine.sortSteps(list.count))
        let minorUnit = DecimalNumber(isNegative: false, coefficient: 1, exponent: -currency.minorDigits)
        let bounds = BudgetSplit.Bounds(
            minimum: try amount(minimum, currency, machine) ?? .zero,
            maximum: try amount(maximum, currency, machine),
            step: try amount(step, currency, machine) ?? minorUnit)
        let describe = { (value: DecimalNumber) in Value.money(value, currency).description }
        try located(range) { () throws(ValueError) in
            try BudgetSplit.validate(budget: total, count: list.count, bounds: bounds, describe: describe)
        }
        let amounts: [DecimalNumber]
        switch method {
        case .equally:
            amounts = try located(range) { () throws(ValueError) in
                try BudgetSplit.proportional(budget: total, weights: Array(repeating: .one, count: list.count), bounds: bounds)
            }
        case .proportional(let weight):
            let weights = try self.weights(weight, list, machine)
            amounts = try located(range) { () throws(ValueError) in try BudgetSplit.proportional(budget: total, weights: weights, bounds: bounds) }
        case .greedy(let score):
            let scores = try score.project(list, machine)
            amounts = try located(range) { () throws(ValueError) in try BudgetSplit.greedy(budget: total, scores: scores.array, bounds: bounds) }
        }
        let rows = AllocationRows(items: list, amounts: DecimalColumn(amounts), currency: currency, budget: .money(total, currency))
        return .list(ValueList(allocation: rows))
    }

    private func amount(_ node: Node?, _ currency: Currency, _ machine: Machine) throws(RuntimeError) -> DecimalNumber? {
        guard let node else { return nil }
        let value = try node.evaluate(machine)
        switch value {
        case .money(let amount, let given) where given == currency: return amount
        case .number(let amount) where amount.isZero: return amount
        default:
            throw RuntimeError(.typeMismatch, at: node.range, "expected money in \(currency.code), found \(value.kindName) \(value)")
        }
    }

    /// Weights must be numbers (or percents, or money) of zero or more, and not all zero.
    private func weights(_ selection: SelectNode, _ list: ValueList, _ machine: Machine) throws(RuntimeError) -> [DecimalNumber] {
        let values = try selection.project(list, machine)
        let node = selection.projection
        var weights: [DecimalNumber] = []
        weights.reserveCapacity(values.count)
        for (position, value) in values.enumerated() {
            guard let weight = value.decimal else {
                throw RuntimeError(
                    .typeMismatch, at: node.range, "an allocation weight must be a number, found \(value.kindName) \(value) for item \(position + 1)")
            }
            guard !weight.isNegative || weight.isZero else {
                throw RuntimeError(
                    .invalidArgument, at: node.range, "allocation weights must be zero or more, found \(value) for item \(position + 1)",
                    fix: "filter such items out first, or use `max(weight, 0)`")
            }
            weights.append(weight)
        }
        if !weights.isEmpty, weights.allSatisfy(\.isZero) {
            throw RuntimeError(
                .invalidArgument, at: node.range, "every allocation weight is zero, so there is no proportion to split by",
                fix: "use `equally`, or weights with at least one above zero")
        }
        return weights
    }
}
