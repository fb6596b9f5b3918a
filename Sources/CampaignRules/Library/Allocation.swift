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
                throw ValueError(
                    .invalidArgument, "the \(name) \(describe(value)) is not a multiple of the step \(describe(bounds.step))",
                    fix: "make \(name) a whole number of steps, or choose a step that divides it")
            }
        }
        if let maximum = bounds.maximum, maximum.compare(bounds.minimum) < 0 {
            throw ValueError(.invalidArgument, "min \(describe(bounds.minimum)) is above max \(describe(maximum))")
        }
        let needed = try run { () throws(DecimalNumber.ArithmeticError) in
            try bounds.minimum.multiplied(by: DecimalNumber(count), context: languageContext)
        }
        if needed.compare(budget) > 0 {
            throw ValueError(
                .infeasibleAllocation,
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
    /// makes every round fix at least one item. What is left of the budget and the weight of
    /// the items still free are kept as running totals, taking off what each round fixes.
    ///
    /// λ·w, rounded or not, never decreases as w grows, so the items below `min` are the
    /// lightest free ones and those above `max` the heaviest: with the items in order of
    /// weight, the free ones are a run, each boundary is found by halving, and only the items
    /// outside the bounds (and, in the last round, all that are left) have λ·w computed. The
    /// shortfall and excess are still summed in list order, as the definition reads.
    static func waterFill(budget: DecimalNumber, weights: [DecimalNumber], bounds: Bounds) throws(ValueError) -> [DecimalNumber] {
        var fixed: [DecimalNumber?] = Array(repeating: nil, count: weights.count)
        let byWeight = try lightestFirst(weights)
        var free = 0..<byWeight.count
        var rest = budget
        var totalWeight = try sum(weights)
        while !free.isEmpty {
            if totalWeight.isZero {
                for position in free { fixed[byWeight[position]] = bounds.minimum }
                break
            }
            let lambda = try run { () throws(DecimalNumber.ArithmeticError) in try rest.divided(by: totalWeight, context: languageContext) }
            let share = { (index: Int) throws(ValueError) -> DecimalNumber in
                try run { () throws(DecimalNumber.ArithmeticError) in try lambda.multiplied(by: weights[index], context: languageContext) }
            }
            // The lightest items whose share is below `min`, and the heaviest above `max`.
            let lowEnd = try firstPosition(in: free) { (position: Int) throws(ValueError) in
                try share(byWeight[position]).compare(bounds.minimum) >= 0
            }
            let highStart =
                try bounds.maximum.map { (maximum: DecimalNumber) throws(ValueError) in
                    try firstPosition(in: lowEnd..<free.upperBound) { (position: Int) throws(ValueError) in
                        try share(byWeight[position]).compare(maximum) > 0
                    }
                } ?? free.upperBound
            if lowEnd == free.lowerBound && highStart == free.upperBound {
                for position in free { fixed[byWeight[position]] = try share(byWeight[position]) }
                break
            }
            let low = byWeight[free.lowerBound..<lowEnd].sorted(), high = byWeight[highStart..<free.upperBound].sorted()
            var shortfall = DecimalNumber.zero, excess = DecimalNumber.zero
            for index in low {
                let amount = try share(index)
                shortfall = try run { () throws(DecimalNumber.ArithmeticError) in
                    try shortfall.adding(try bounds.minimum.subtracting(amount, context: languageContext), context: languageContext)
                }
            }
            if let maximum = bounds.maximum {
                for index in high {
                    let amount = try share(index)
                    excess = try run { () throws(DecimalNumber.ArithmeticError) in
                        try excess.adding(try amount.subtracting(maximum, context: languageContext), context: languageContext)
                    }
                }
            }
            let order = shortfall.compare(excess)
            var fixing: [(items: [Int], at: DecimalNumber)] = []
            if order >= 0 {
                fixing.append((low, bounds.minimum))
                free = lowEnd..<free.upperBound
            }
            if order <= 0, let maximum = bounds.maximum {
                fixing.append((high, maximum))
                free = free.lowerBound..<highStart
            }
            for (items, bound) in fixing {
                for index in items { fixed[index] = bound }
                let given = try run { () throws(DecimalNumber.ArithmeticError) in
                    try bound.multiplied(by: DecimalNumber(items.count), context: languageContext)
                }
                let weight = try sum(items.map { weights[$0] })
                rest = try run { () throws(DecimalNumber.ArithmeticError) in try rest.subtracting(given, context: languageContext) }
                totalWeight = try run { () throws(DecimalNumber.ArithmeticError) in try totalWeight.subtracting(weight, context: languageContext) }
            }
        }
        return fixed.map { $0 ?? .zero }
    }

    /// The first position in `range` where `isPast` holds, given that it holds from there on;
    /// the range's end when it never does.
    private static func firstPosition(in range: Range<Int>, where isPast: (Int) throws(ValueError) -> Bool) throws(ValueError) -> Int {
        var (low, high) = (range.lowerBound, range.upperBound)
        while low < high {
            let middle = low + (high - low) / 2
            if try isPast(middle) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// The positions of the weights from lightest to heaviest (ties in list order).
    private static func lightestFirst(_ weights: [DecimalNumber]) throws(ValueError) -> [Int] {
        if var keys = commonScaleKeys(weights) { return positions(sortedBy: &keys, descending: false) }
        return try Aggregates.sortedIndices(weights.count) { (a: Int, b: Int) throws(ValueError) -> Int in weights[a].compare(weights[b]) }
    }

    /// The values added in order.
    private static func sum(_ values: [DecimalNumber]) throws(ValueError) -> DecimalNumber {
        var total = DecimalNumber.zero
        for value in values { total = try run { () throws(DecimalNumber.ArithmeticError) in try total.adding(value, context: languageContext) } }
        return total
    }

    /// Rounds each amount down to a multiple of the step, then hands the remaining steps one
    /// each to the largest remainders (ties by list order) without passing `max`.
    ///
    /// An item of weight zero keeps exactly `min` (zero without one): it has no share of what
    /// is left. So when every item of positive weight is at `max`, the rest of the budget is
    /// unallocated (the rows sum to less), never handed to items whose weight is zero.
    static func roundToSteps(_ exact: [DecimalNumber], budget: DecimalNumber, bounds: Bounds, weights: [DecimalNumber]) throws(ValueError)
        -> [DecimalNumber]
    {
        var amounts: [DecimalNumber] = []
        var remainders: [DecimalNumber] = []
        var allocated = DecimalNumber.zero
        amounts.reserveCapacity(exact.count)
        remainders.reserveCapacity(exact.count)
        // A step of 1 × 10^k (a cent, a dollar): a whole number of steps is the amount rounded
        // down at that exponent, the same value written the same way as steps × step.
        let stepExponent = bounds.step.coefficient == 1 && !bounds.step.isNegative ? Int(bounds.step.storedExponent) : nil
        for amount in exact {
            let floored = try run { () throws(DecimalNumber.ArithmeticError) in
                if let stepExponent { return try amount.quantized(exponent: stepExponent, rounding: .floor) }
                let steps = try amount.divided(by: bounds.step, context: languageContext).quantized(exponent: 0, rounding: .floor)
                return try steps.multiplied(by: bounds.step, context: languageContext)
            }
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
        let order = try largestFirst(&remainders)
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

    /// The positions of the values from largest to smallest, ties in list order. Values that
    /// fit one 128-bit coefficient at their smallest exponent (remainders below a step nearly
    /// always do) are sorted by those keys, computed once, and `values` is emptied (its
    /// memory given back before the sort); any others by comparing decimals.
    static func largestFirst(_ values: inout [DecimalNumber]) throws(ValueError) -> [Int] {
        if var keys = commonScaleKeys(values) {
            // Only their order is wanted from here on.
            values = []
            return positions(sortedBy: &keys, descending: true)
        }
        return try Aggregates.sortedIndices(values.count) { (a: Int, b: Int) throws(ValueError) -> Int in
            -values[a].compare(values[b])
        }
    }

    /// The positions of the keys in order, ties in list order. Each key and its position are
    /// packed into one integer (the key in the high bits, flipped for a descending order), so
    /// the sort compares plain integers.
    ///
    /// `keys` is emptied once they are packed, so a million of them are not kept through the sort.
    static func positions(sortedBy keys: inout [UInt128], descending: Bool) -> [Int] {
        guard let largest = keys.max() else { return [] }
        let flip = { (key: UInt128) in descending ? largest - key : key }
        if largest < 1 << 32, keys.count < 1 << 32 {
            var packed = keys.indices.map { UInt64(flip(keys[$0])) << 32 | UInt64($0) }
            keys = []
            RadixSort.sort(&packed)
            return packed.map { Int($0 & 0xFFFF_FFFF) }
        }
        if largest < UInt128(1) << 96, keys.count < 1 << 32 {
            var packed = keys.indices.map { flip(keys[$0]) << 32 | UInt128($0) }
            keys = []
            packed.sort()
            return packed.map { Int($0 & 0xFFFF_FFFF) }
        }
        var order = Array(keys.indices)
        order.sort { keys[$0] != keys[$1] ? (descending ? keys[$0] > keys[$1] : keys[$0] < keys[$1]) : $0 < $1 }
        return order
    }

    /// Each value, none negative, as a coefficient at the smallest exponent among them; nil
    /// when one does not fit.
    private static func commonScaleKeys(_ values: [DecimalNumber]) -> [UInt128]? {
        guard let smallest = values.map(\.storedExponent).min() else { return [] }
        var keys: [UInt128] = []
        keys.reserveCapacity(values.count)
        for value in values {
            guard !value.isNegative || value.isZero else { return nil }
            let shift = Int(value.storedExponent) - Int(smallest)
            guard shift < PowersOfTen.uint128.count else { return nil }
            let (scaled, overflow) = value.coefficient.multipliedReportingOverflow(by: PowersOfTen.uint128[shift])
            guard !overflow else { return nil }
            keys.append(scaled)
        }
        return keys
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
