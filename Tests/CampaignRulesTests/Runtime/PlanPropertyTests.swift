// Properties of payout statements over many random plans and subjects: totals equal the sum of
// their lines, lines are whole cents, totals never pass the cap, and a positive total reaches
// the minimum.

import Testing

@testable import CampaignRules

struct PlanPropertyTests {
    static let modes = ["half_up", "half_even", "half_down", "up", "down", "floor", "ceiling"]

    /// A random plan: rates, a bonus threshold, a cap and a minimum drawn from the generator.
    static func program(_ generator: inout SplitMix64) -> (text: String, cap: Int, minimum: Int) {
        let rate = Int.random(in: 1...150, using: &generator)
        let bonus = Int.random(in: 0...500, using: &generator)
        let threshold = Int.random(in: 0...20_000, using: &generator)
        let deductRate = Int.random(in: 0...200, using: &generator)
        let cap = Int.random(in: 100...20_000, using: &generator)
        let minimum = Int.random(in: 0...300, using: &generator)
        let mode = modes.randomElement(using: &generator) ?? "half_up"
        let text = """
            campaign "random" {
              rounding: \(mode)
            }
            record Sale {
              id: Text
              sales: Money
              refunds: Money
            }
            input sales: list of Sale
            plan payouts for s in sales {
              commission "Base": s.sales * \(rate)e-3
              bonus "Threshold" when s.sales >= $\(threshold): $\(bonus).37
              deduct "Refunds": s.refunds * \(deductRate)e-3
              cap $\(cap)
              minimum $\(minimum)
            }
            """
        return (text, cap, minimum)
    }

    static func cents(_ generator: inout SplitMix64, upTo limit: Int) -> Value {
        .money(DecimalNumber(isNegative: false, coefficient: UInt128(Int.random(in: 0...limit, using: &generator)), exponent: -2), .usd)
    }

    /// 100 random plans over 100 random subjects each: 10,000 statements.
    @Test func statementsAddUpExactly() throws {
        var generator = SplitMix64(state: 7_009_02)
        let shape = RecordShape(name: nil, fieldNames: ["id", "sales", "refunds"])
        var checked = 0
        for _ in 0..<100 {
            let (text, cap, minimum) = PlanPropertyTests.program(&generator)
            let program = try #require(Engine().compile(SourceFile(path: "random.rules", text: text)).program)
            let subjects = (0..<100).map { index in
                Value.record(
                    RecordValue(
                        shape: shape,
                        values: [
                            .text("s\(index)"), PlanPropertyTests.cents(&generator, upTo: 5_000_000),
                            PlanPropertyTests.cents(&generator, upTo: 200_000),
                        ]))
            }
            let outputs = try program.evaluateOutputs(["payouts"], inputs: ["sales": .list(subjects)])
            guard case .list(let statements) = outputs[0].value else {
                Issue.record("not a list")
                return
            }
            for case .record(let statement) in statements {
                guard case .list(let lines)? = statement["lines"], case .money(let total, _)? = statement["total"] else {
                    Issue.record("malformed statement")
                    continue
                }
                var sum = DecimalNumber.zero
                for case .record(let line) in lines {
                    guard case .money(let amount, _)? = line["amount"] else { continue }
                    #expect(try amount.rounded(places: 2, rounding: .down).compare(amount) == 0, "\(amount) is not whole cents")
                    sum = try sum.adding(amount)
                }
                #expect(sum.compare(total) == 0, "total \(total) ≠ sum of lines \(sum)")
                #expect(total.compare(DecimalNumber(cap)) <= 0, "total \(total) above the cap \(cap)")
                #expect(total.compare(.zero) <= 0 || total.compare(DecimalNumber(minimum)) >= 0, "total \(total) below the minimum \(minimum)")
                checked += 1
            }
        }
        #expect(checked == 10_000)
    }
}

/// `marginal` over random tables: never decreasing in the amount, and continuous at every
/// bracket bound (the slices below a bound add up to the same whichever side you look from).
struct MarginalPropertyTests {
    @Test func marginalIsMonotoneAndContinuous() throws {
        var generator = SplitMix64(state: 570)
        for _ in 0..<300 {
            var bounds: [Int] = []
            var next = 0
            for _ in 0..<Int.random(in: 1...5, using: &generator) {
                next += Int.random(in: 1...5_000, using: &generator)
                bounds.append(next)
            }
            let rates = (0...bounds.count).map { _ in Int.random(in: 0...30, using: &generator) }
            var lines = ["tiers rate {", "  ..< $\(bounds[0]): \(rates[0])%"]
            for index in 1..<bounds.count { lines.append("  $\(bounds[index - 1]) ..< $\(bounds[index]): \(rates[index])%") }
            lines.append("  $\(bounds[bounds.count - 1]) ...: \(rates[bounds.count])%")
            lines.append("}")
            lines.append("fn m(x) = marginal(rate, x)")
            let amounts = (0..<40).map { _ in Int.random(in: 0...(next + 5_000), using: &generator) }.sorted()
            lines.append("output values = [" + amounts.map { "m($\($0))" }.joined(separator: ", ") + "]")
            lines.append("output at_bounds = [" + bounds.map { "m($\($0))" }.joined(separator: ", ") + "]")
            lines.append("output below_bounds = [" + bounds.map { "m($\($0) - $0.01)" }.joined(separator: ", ") + "]")
            let program = try #require(Engine().compile(SourceFile(path: "m.rules", text: lines.joined(separator: "\n"))).program)
            let outputs = try program.evaluateOutputs()
            let values = try #require(outputs[0].value.items).compactMap(\.decimalValue)
            for (a, b) in zip(values, values.dropFirst()) { #expect(a.compare(b) <= 0, "marginal decreased: \(a) then \(b)") }
            let atBounds = try #require(outputs[1].value.items).compactMap(\.decimalValue)
            let below = try #require(outputs[2].value.items).compactMap(\.decimalValue)
            for (index, (at, under)) in zip(atBounds, below).enumerated() {
                // One cent below a bound earns at most one cent at the lower bracket's rate less.
                let gap = try at.subtracting(under)
                let lowerRate = DecimalNumber(isNegative: false, coefficient: UInt128(rates[index]), exponent: -4)
                #expect(gap.compare(.zero) >= 0 && gap.compare(lowerRate) <= 0, "jump of \(gap) at bound \(bounds[index])")
            }
        }
    }
}
