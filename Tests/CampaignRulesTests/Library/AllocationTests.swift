// Budget allocation: worked examples and properties over thousands of random cases.

import Testing

@testable import CampaignRules

struct AllocationTests {
    static func cents(_ value: Int) -> DecimalNumber { DecimalNumber(isNegative: false, coefficient: UInt128(value), exponent: -2) }

    static func sum(_ values: [DecimalNumber]) -> DecimalNumber {
        values.reduce(DecimalNumber.zero) { (try? $0.adding($1)) ?? $0 }
    }

    @Test func proportionalSplitsByLargestRemainder() throws {
        let weights = [5, 3, 2].map { DecimalNumber($0) } + [DecimalNumber.parse("0.5") ?? .zero]
        let amounts = try BudgetSplit.proportional(
            budget: DecimalNumber(10_000), weights: weights,
            bounds: .init(minimum: .zero, maximum: nil, step: AllocationTests.cents(1)))
        #expect(amounts.map(\.plainDescription) == ["4761.91", "2857.14", "1904.76", "476.19"])
    }

    @Test func equalSharesGiveTheOddCentToTheFirst() throws {
        let amounts = try BudgetSplit.proportional(
            budget: DecimalNumber(100), weights: Array(repeating: .one, count: 3),
            bounds: .init(minimum: .zero, maximum: nil, step: AllocationTests.cents(1)))
        #expect(amounts.map(\.plainDescription) == ["33.34", "33.33", "33.33"])
    }

    @Test func infeasibleMinimumIsAnError() {
        #expect(throws: ValueError.self) {
            try BudgetSplit.validate(
                budget: DecimalNumber(1000), count: 3,
                bounds: .init(minimum: DecimalNumber(500), maximum: nil, step: AllocationTests.cents(1)),
                describe: { $0.plainDescription })
        }
    }

    @Test func boundsMustBeMultiplesOfTheStep() {
        #expect(throws: ValueError.self) {
            try BudgetSplit.validate(
                budget: DecimalNumber(1000), count: 3,
                bounds: .init(minimum: DecimalNumber(5), maximum: nil, step: DecimalNumber(10)),
                describe: { $0.plainDescription })
        }
    }

    /// 10,000 random allocations: amounts are whole steps within [min, max], and they sum to the
    /// budget exactly unless every item is at its maximum.
    @Test func randomAllocationsConserveTheBudget() throws {
        var generator = SplitMix64(state: 20_261_121)
        for _ in 0..<10_000 {
            let count = Int.random(in: 1...12, using: &generator)
            let stepCents = [1, 5, 100, 2_500].randomElement(using: &generator) ?? 1
            let budgetSteps = Int.random(in: 0...50_000, using: &generator)
            let minimumSteps = Int.random(in: 0...(budgetSteps / count), using: &generator) / (Bool.random(using: &generator) ? 1 : 4)
            let maximumSteps: Int? =
                Bool.random(using: &generator) ? Int.random(in: max(1, minimumSteps)...(minimumSteps + 20_000), using: &generator) : nil
            let weights = (0..<count).map { _ in
                DecimalNumber(
                    isNegative: false, coefficient: UInt128(Int.random(in: 0...1_000_000, using: &generator)),
                    exponent: -Int.random(in: 0...4, using: &generator))
            }
            guard weights.contains(where: { !$0.isZero }) else { continue }
            let step = AllocationTests.cents(stepCents)
            let bounds = BudgetSplit.Bounds(
                minimum: AllocationTests.cents(minimumSteps * stepCents),
                maximum: maximumSteps.map { AllocationTests.cents($0 * stepCents) }, step: step)
            let budget = AllocationTests.cents(budgetSteps * stepCents)
            try BudgetSplit.validate(budget: budget, count: count, bounds: bounds, describe: { $0.plainDescription })
            let amounts = try BudgetSplit.proportional(budget: budget, weights: weights, bounds: bounds)
            let total = AllocationTests.sum(amounts)
            let capacity = maximumSteps.map { $0 * count * stepCents }
            if let capacity, capacity < budgetSteps * stepCents {
                #expect(total.compare(AllocationTests.cents(capacity)) == 0)
            } else {
                #expect(total.compare(budget) == 0, "budget \(budget) weights \(weights) → \(amounts)")
            }
            for amount in amounts {
                #expect(try BudgetSplit.isMultiple(amount, of: step))
                #expect(amount.compare(bounds.minimum) >= 0)
                if let maximum = bounds.maximum { #expect(amount.compare(maximum) <= 0) }
            }
        }
    }
}
