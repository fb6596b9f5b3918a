// Published engagement-rate benchmarks by platform and follower tier, each with its source.

enum Benchmarks {
    struct Figure {
        let platform: Symbol
        let tier: Symbol
        /// Engagement rate as a fraction (0.103 for 10.3%).
        let rate: DecimalNumber
        /// What the rate is measured against: followers, views or reach.
        let denominator: String
        let source: String
        let year: Int
    }

    private static func percent(_ coefficient: UInt128, _ exponent: Int) -> DecimalNumber {
        DecimalNumber(isNegative: false, coefficient: coefficient, exponent: exponent)
    }

    /// The figures the language design names (see docs/library.md for the sources).
    static let figures: [Figure] = [
        Figure(platform: .tiktok, tier: .nano, rate: percent(103, -3), denominator: "followers",
               source: "campaign rules design sketch, benchmark table (TikTok nano)", year: 2026),
        Figure(platform: .tiktok, tier: .micro, rate: percent(87, -3), denominator: "followers",
               source: "campaign rules design sketch, benchmark table (TikTok micro)", year: 2026),
        Figure(platform: .instagram, tier: .nano, rate: percent(173, -4), denominator: "followers",
               source: "campaign rules design sketch, benchmark table (Instagram nano)", year: 2026),
        Figure(platform: .instagram, tier: .micro, rate: percent(122, -4), denominator: "followers",
               source: "campaign rules design sketch, benchmark table (Instagram micro)", year: 2026),
        Figure(platform: .youtube, tier: .nano, rate: percent(19, -3), denominator: "followers",
               source: "campaign rules design sketch, benchmark table (YouTube nano)", year: 2026),
    ]

    static func engagement(_ platform: Value, _ tier: Value) throws(ValueError) -> Value {
        guard case .symbol(let platformSymbol) = platform, platformSymbol.family == .platform else {
            throw ValueError(.invalidArgument, "benchmark_engagement needs a platform such as tiktok, found \(platform)")
        }
        guard case .symbol(let tierSymbol) = tier, tierSymbol.family == .tier else {
            throw ValueError(.invalidArgument, "benchmark_engagement needs a tier such as micro, found \(tier)")
        }
        guard let figure = figures.first(where: { $0.platform == platformSymbol && $0.tier == tierSymbol }) else {
            throw ValueError(.invalidArgument,
                             "there is no published engagement benchmark for \(platformSymbol.name) \(tierSymbol.name) creators",
                             fix: "define your own, e.g. `tiers my_benchmark { ... }` or a `when` over platform and tier")
        }
        return .percent(figure.rate)
    }
}
