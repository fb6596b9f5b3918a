// The node for `allocate`: evaluates budget, items, weights and bounds, then splits the budget.

final class AllocateNode: Node {
    enum Method {
        case proportional(Node)
        case equally
        case greedy(Node)
    }
    let budget: Node, items: Node
    let method: Method
    let minimum: Node?, maximum: Node?, step: Node?
    let itSlot: Int
    /// The steps each item counts for its weight or score.
    let perItem: Int

    init(budget: Node, items: Node, method: Method, minimum: Node?, maximum: Node?, step: Node?, itSlot: Int, perItem: Int,
         range: SourceRange) {
        self.perItem = perItem
        self.budget = budget
        self.items = items
        self.method = method
        self.minimum = minimum
        self.maximum = maximum
        self.step = step
        self.itSlot = itSlot
        super.init(range: range)
    }

    override func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        guard case .money(let total, let currency) = try budget.evaluate(machine) else {
            throw RuntimeError(.typeMismatch, at: budget.range, "an allocation's budget must be money", fix: "write it as money, such as `$10_000`")
        }
        let list = try items.list(machine).array
        // The rows, and the work of the split itself (a sort of the items, then passes over them).
        try machine.created(list.count * (Machine.valueBytes + Machine.recordBytes(fields: 2)), at: range)
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
            let scores = try evaluateEach(score, list, machine)
            amounts = try located(range) { () throws(ValueError) in try BudgetSplit.greedy(budget: total, scores: scores, bounds: bounds) }
        }
        let rows = zip(list, amounts).map { item, amount in
            Value.record(RecordValue(shape: .allocationRow, values: [item, .money(amount, currency)]))
        }
        return .list(ValueList(allocation: rows, budget: .money(total, currency)))
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

    private func evaluateEach(_ node: Node, _ list: [Value], _ machine: Machine) throws(RuntimeError) -> [Value] {
        var results: [Value] = []
        results.reserveCapacity(list.count)
        for item in list {
            try machine.step(range, perItem)
            machine.setLocal(itSlot, item)
            results.append(try node.evaluate(machine))
        }
        return results
    }

    /// Weights must be numbers (or percents, or money) of zero or more, and not all zero.
    private func weights(_ node: Node, _ list: [Value], _ machine: Machine) throws(RuntimeError) -> [DecimalNumber] {
        let values = try evaluateEach(node, list, machine)
        var weights: [DecimalNumber] = []
        for (position, value) in values.enumerated() {
            guard let weight = value.decimal else {
                throw RuntimeError(.typeMismatch, at: node.range, "an allocation weight must be a number, found \(value.kindName) \(value) for item \(position + 1)")
            }
            guard !weight.isNegative || weight.isZero else {
                throw RuntimeError(.invalidArgument, at: node.range, "allocation weights must be zero or more, found \(value) for item \(position + 1)",
                                   fix: "filter such items out first, or use `max(weight, 0)`")
            }
            weights.append(weight)
        }
        if !weights.isEmpty, weights.allSatisfy(\.isZero) {
            throw RuntimeError(.invalidArgument, at: node.range, "every allocation weight is zero, so there is no proportion to split by",
                               fix: "use `equally`, or weights with at least one above zero")
        }
        return weights
    }
}
