// Splitting a loop's positions into contiguous parts for threads: every position in exactly
// one part, in order, and with weights, parts of about equal weight.

import Testing

@testable import CampaignRules

@Suite struct ContiguousPartsTests {
    static func check(_ parts: [Range<Int>], count: Int, threads: Int) {
        #expect(parts.count == threads)
        #expect(parts.first?.lowerBound == 0)
        #expect(parts.last?.upperBound == count)
        for (a, b) in zip(parts, parts.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
    }

    @Test func equalCountsWithoutWeights() {
        let parts = Machine.contiguousParts(10_001, 2, nil)
        ContiguousPartsTests.check(parts, count: 10_001, threads: 2)
        #expect(parts.map(\.count) == [5_001, 5_000])
    }

    /// Groups in order of first appearance: the large ones first.
    @Test(arguments: [2, 3, 8])
    func weightedPartsCarryAboutEqualWork(_ threads: Int) {
        var random = SplitMix64(state: UInt64(threads))
        let weights = (0..<20_000).map { position in Int(random.next() % 50) + (position < 2_000 ? 400 : 0) }
        let parts = Machine.contiguousParts(weights.count, threads, { weights[$0] })
        ContiguousPartsTests.check(parts, count: weights.count, threads: threads)
        let loads = parts.map { part in part.reduce(0) { $0 + max(1, weights[$1]) } }
        let ideal = loads.reduce(0, +) / threads
        // Each part is within one position's weight of its share.
        for load in loads { #expect(abs(load - ideal) <= 450 * 2, "\(loads)") }
    }

    @Test func fewerPositionsThanThreadsStillMakeEveryPart() {
        let parts = Machine.contiguousParts(3, 4, { _ in 100 })
        ContiguousPartsTests.check(parts, count: 3, threads: 4)
    }
}
