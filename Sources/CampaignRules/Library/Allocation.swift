// Budget allocation: proportional with bounds and steps, equal splits and greedy fills, always
// summing exactly to the budget (or to every item's maximum when that is less).

/// Splits an amount of money among items. All arithmetic is exact decimal; amounts are whole
/// multiples of `step`, so no cent is lost or created.
enum BudgetSplit {
    struct Bounds {
        let minimum: DecimalNumber
        let maximum: DecimalNumber?
        let step: DecimalNumber
    }

    private static func run(_ operation: () throws(DecimalNumber.ArithmeticError) -> DecimalNumber) throws(ValueError) -> DecimalNumber {
        try DecimalNumber.checked(operation)
    }

    /// Checks the budget and bounds every method shares.
    static func validate(budget: DecimalNumber, count: Int, bounds: Bounds, describe: (DecimalNumber) -> String) throws(ValueError) {
        guard !budget.isNegative || budget.isZero else {
            throw ValueError(.invalidArgument, "the budget \(describe(budget)) is negative")
        }
        guard bounds.step.compare(.zero) > 0 else {
            throw ValueError(.invalidArgument, "the step \(describe(bounds.step)) must be above zero")
        }
        for (name, value) in [("budget", budget), ("min", bounds.minimum)] + (bounds.maximum.map { [("max", $0)] } ?? []) {
            guard try isMultiple(value, of: bounds.step) else {
                throw ValueError(.invalidArgument, "the \(name) \(describe(value)) is not a multiple of the step \(describe(bounds.step))",
                                 fix: "make \(name) a whole number of steps, or choose a step that divides it")
            }
        }
        if let maximum = bounds.maximum, maximum.compare(bounds.minimum) < 0 {
            throw ValueError(.invalidArgument, "min \(describe(bounds.minimum)) is above max \(describe(maximum))")
        }
        let needed = try run { () throws(DecimalNumber.ArithmeticError) in try bounds.minimum.multiplied(by: DecimalNumber(count), context: languageContext) }
        if needed.compare(budget) > 0 {
            throw ValueError(.infeasibleAllocation,
                             "the budget \(describe(budget)) cannot give each of the \(count) items its minimum \(describe(bounds.minimum)): that needs \(describe(needed))",
                             fix: "lower `min`, raise the budget, or allocate across fewer items")
        }
    }

    static func isMultiple(_ value: DecimalNumber, of step: DecimalNumber) throws(ValueError) -> Bool {
        let quotient = try run { () throws(DecimalNumber.ArithmeticError) in try value.divided(by: step, context: languageContext) }
        return quotient.isWhole
    }

    /// Proportional allocation: `clamp(λ·w, min, max)` with λ chosen so the amounts sum to the
    /// budget, then rounded to steps by largest remainder.
    static func proportional(budget: DecimalNumber, weights: [DecimalNumber], bounds: Bounds) throws(ValueError) -> [DecimalNumber] {
        let exact = try waterFill(budget: budget, weights: weights, bounds: bounds)
        return try roundToSteps(exact, budget: budget, bounds: bounds, weights: weights)
    }

    /// Finds the clamped proportional amounts. Each round computes λ over the items not yet
    /// fixed; if the items below `min` fall short by more than those above `max` exceed, the
    /// true λ can only be smaller, so those below are fixed at `min` (and symmetrically), which
    /// makes every round fix at least one item.
    static func waterFill(budget: DecimalNumber, weights: [DecimalNumber], bounds: Bounds) throws(ValueError) -> [DecimalNumber] {
        var fixed: [DecimalNumber?] = Array(repeating: nil, count: weights.count)
        while true {
            let free = weights.indices.filter { fixed[$0] == nil }
            if free.isEmpty { break }
            var rest = budget
            for case let amount? in fixed { rest = try run { () throws(DecimalNumber.ArithmeticError) in try rest.subtracting(amount, context: languageContext) } }
            var totalWeight = DecimalNumber.zero
            for index in free { totalWeight = try run { () throws(DecimalNumber.ArithmeticError) in try totalWeight.adding(weights[index], context: languageContext) } }
            if totalWeight.isZero {
                for index in free { fixed[index] = bounds.minimum }
                break
            }
            let lambda = try run { () throws(DecimalNumber.ArithmeticError) in try rest.divided(by: totalWeight, context: languageContext) }
            var proposed: [Int: DecimalNumber] = [:]
            var shortfall = DecimalNumber.zero, excess = DecimalNumber.zero
            var low: [Int] = [], high: [Int] = []
            for index in free {
                let amount = try run { () throws(DecimalNumber.ArithmeticError) in try lambda.multiplied(by: weights[index], context: languageContext) }
                proposed[index] = amount
                if amount.compare(bounds.minimum) < 0 {
                    low.append(index)
                    shortfall = try run { () throws(DecimalNumber.ArithmeticError) in
                        try shortfall.adding(try bounds.minimum.subtracting(amount, context: languageContext), context: languageContext)
                    }
                } else if let maximum = bounds.maximum, amount.compare(maximum) > 0 {
                    high.append(index)
                    excess = try run { () throws(DecimalNumber.ArithmeticError) in
                        try excess.adding(try amount.subtracting(maximum, context: languageContext), context: languageContext)
                    }
                }
            }
            if low.isEmpty && high.isEmpty {
                for index in free { fixed[index] = proposed[index] }
                break
            }
            let order = shortfall.compare(excess)
            if order >= 0 { for index in low { fixed[index] = bounds.minimum } }
            if order <= 0, let maximum = bounds.maximum { for index in high { fixed[index] = maximum } }
        }
        return fixed.map { $0 ?? .zero }
    }

    /// Rounds each amount down to a multiple of the step, then hands the remaining steps one
    /// each to the largest remainders (ties by list order) without passing `max`.
    ///
    /// An item of weight zero keeps exactly `min` (zero without one): it has no share of what
    /// is left. So when every item of positive weight is at `max`, the rest of the budget is
    /// unallocated (the rows sum to less), never handed to items whose weight is zero.
    static func roundToSteps(_ exact: [DecimalNumber], budget: DecimalNumber, bounds: Bounds, weights: [DecimalNumber]) throws(ValueError) -> [DecimalNumber] {
        var amounts: [DecimalNumber] = []
        var remainders: [DecimalNumber] = []
        var allocated = DecimalNumber.zero
        for amount in exact {
            let steps = try run { () throws(DecimalNumber.ArithmeticError) in
                try amount.divided(by: bounds.step, context: languageContext).quantized(exponent: 0, rounding: .floor)
            }
            let floored = try run { () throws(DecimalNumber.ArithmeticError) in try steps.multiplied(by: bounds.step, context: languageContext) }
            amounts.append(floored)
            remainders.append(try run { () throws(DecimalNumber.ArithmeticError) in try amount.subtracting(floored, context: languageContext) })
            allocated = try run { () throws(DecimalNumber.ArithmeticError) in try allocated.adding(floored, context: languageContext) }
        }
        // What the items can hold: `max` for each weighted item, `min` for each of weight zero.
        var capacity: DecimalNumber? = .zero
        for weight in weights {
            let most = weight.isZero ? bounds.minimum : bounds.maximum
            guard let most, let held = capacity else {
                capacity = nil
                break
            }
            capacity = try run { () throws(DecimalNumber.ArithmeticError) in try held.adding(most, context: languageContext) }
        }
        let target = capacity.map { $0.compare(budget) < 0 ? $0 : budget } ?? budget
        let leftover = try run { () throws(DecimalNumber.ArithmeticError) in
            try target.subtracting(allocated, context: languageContext).divided(by: bounds.step, context: languageContext)
                .quantized(exponent: 0, rounding: .floor)
        }
        var stepsLeft = leftover.integerValue ?? 0
        let order = try Aggregates.sortedIndices(exact.count) { (a: Int, b: Int) throws(ValueError) -> Int in
            -remainders[a].compare(remainders[b])
        }
        while stepsLeft > 0 {
            var gaveAny = false
            for index in order where stepsLeft > 0 && !weights[index].isZero {
                let raised = try run { () throws(DecimalNumber.ArithmeticError) in try amounts[index].adding(bounds.step, context: languageContext) }
                if let maximum = bounds.maximum, raised.compare(maximum) > 0 { continue }
                amounts[index] = raised
                stepsLeft -= 1
                gaveAny = true
            }
            if !gaveAny { break }
        }
        return amounts
    }

    /// Greedy allocation: items in descending score (ties by list order) each take
    /// `min(max, remaining)`; the first that would get less than `min` gets zero, and so does
    /// everyone after it.
    static func greedy(budget: DecimalNumber, scores: [Value], bounds: Bounds) throws(ValueError) -> [DecimalNumber] {
        let order = try Aggregates.sortedIndices(scores.count) { (a: Int, b: Int) throws(ValueError) -> Int in
            -(try scores[a].compare(to: scores[b]))
        }
        var amounts = Array(repeating: DecimalNumber.zero, count: scores.count)
        var remaining = budget
        for index in order {
            var share = remaining
            if let maximum = bounds.maximum, maximum.compare(share) < 0 { share = maximum }
            if share.compare(bounds.minimum) < 0 || share.isZero { break }
            amounts[index] = share
            remaining = try run { () throws(DecimalNumber.ArithmeticError) in try remaining.subtracting(share, context: languageContext) }
        }
        return amounts
    }
}
