// The shortcuts inside `allocate` must give exactly what the longer way gives.

import Testing

@testable import CampaignRules

struct AllocationInternalsTests {
    /// For a step of 1 × 10^k, rounding down at exponent k is steps × step, written the same way.
    @Test(arguments: ["0.01", "1", "1E+2", "0.001"])
    func flooringAtTheStepsExponentIsStepsTimesStep(_ written: String) throws {
        let step = try #require(DecimalNumber.parse(written))
        var random = SplitMix64(state: 7)
        for _ in 0..<2_000 {
            let amount = DecimalNumber(
                isNegative: false, coefficient: UInt128(random.next() % 10_000_000_000_000) * UInt128(random.next() % 1_000 + 1),
                exponent: -Int(random.next() % 20))
            let steps = try amount.divided(by: step).quantized(exponent: 0, rounding: .floor)
            let longWay = try steps.multiplied(by: step)
            let shortWay = try amount.quantized(exponent: Int(step.storedExponent), rounding: .floor)
            #expect(shortWay.scientificDescription == longWay.scientificDescription, "\(amount.scientificDescription) by \(written)")
        }
    }

    @Test func radixSortOrdersAsTheStandardSort() {
        var random = SplitMix64(state: 11)
        for size in [0, 1, 2, 1_000, 70_000] {
            let values = (0..<size).map { index -> UInt64 in
                switch index % 3 {
                case 0: random.next()
                case 1: random.next() % 5_000
                default: random.next() << 40
                }
            }
            var sorted = values
            RadixSort.sort(&sorted)
            #expect(sorted == values.sorted())
        }
    }

    /// Packed keys give positions by key, ties in list order, both ways.
    @Test func positionsBreakTiesInListOrder() {
        let keys: [UInt128] = [5, 3, 5, 0, 3, UInt128(1) << 40, 5]
        func positions(_ keys: [UInt128], descending: Bool) -> [Int] {
            var keys = keys
            return BudgetSplit.positions(sortedBy: &keys, descending: descending)
        }
        #expect(positions(keys, descending: false) == [3, 1, 4, 0, 2, 6, 5])
        #expect(positions(keys, descending: true) == [5, 0, 2, 6, 1, 4, 3])
        let wide = keys.map { $0 << 60 }
        #expect(positions(wide, descending: true) == [5, 0, 2, 6, 1, 4, 3])
    }
}
