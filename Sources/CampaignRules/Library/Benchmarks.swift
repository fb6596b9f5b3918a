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

    /// Published averages. A figure enters this table only with its source, what it is measured
    /// against, and the year; anything else is left for the rule file to define.
    static let figures: [Figure] = [
        Figure(
            platform: .tiktok, tier: .nano, rate: percent(103, -3), denominator: "followers",
            source: "Archive, \"Micro-Influencer Engagement Rate Statistics\" (archive.com/blog/micro-influencer-engagement-rate-statistics)",
            year: 2025),
        Figure(
            platform: .tiktok, tier: .micro, rate: percent(87, -3), denominator: "followers",
            source: "Archive, \"Micro-Influencer Engagement Rate Statistics\" (archive.com/blog/micro-influencer-engagement-rate-statistics)",
            year: 2025),
        Figure(
            platform: .instagram, tier: .nano, rate: percent(173, -4), denominator: "followers",
            source: "campaign design brief's benchmark table, from the project's seed articles (Instagram nano)", year: 2025),
        Figure(
            platform: .instagram, tier: .micro, rate: percent(122, -4), denominator: "followers",
            source: "campaign design brief's benchmark table, from the project's seed articles (Instagram micro)", year: 2025),
        Figure(
            platform: .youtube, tier: .nano, rate: percent(19, -3), denominator: "followers",
            source: "campaign design brief's benchmark table, from the project's seed articles (YouTube nano)", year: 2025),
    ]

    /// The sourced figure for a platform and tier, if the table has one.
    static func figure(_ platform: Value, _ tier: Value) -> Figure? {
        guard case .symbol(let platformSymbol) = platform, case .symbol(let tierSymbol) = tier else { return nil }
        return figures.first { $0.platform == platformSymbol && $0.tier == tierSymbol }
    }

    static func engagement(_ platform: Value, _ tier: Value) throws(ValueError) -> Value {
        guard case .symbol(let platformSymbol) = platform, platformSymbol.family == .platform else {
            throw ValueError(.invalidArgument, "benchmark_engagement needs a platform such as tiktok, found \(platform)")
        }
        guard case .symbol(let tierSymbol) = tier, tierSymbol.family == .tier else {
            throw ValueError(.invalidArgument, "benchmark_engagement needs a tier such as micro, found \(tier)")
        }
        guard let figure = figures.first(where: { $0.platform == platformSymbol && $0.tier == tierSymbol }) else {
            let known = figures.map { "\($0.platform.name) \($0.tier.name)" }.joined(separator: ", ")
            throw ValueError(
                .invalidArgument,
                "there is no sourced engagement benchmark for \(platformSymbol.name) \(tierSymbol.name) creators (the table has \(known))",
                fix: "define your own, e.g. `fn my_benchmark(p, t) = when [p, t] { ... }` or a `tiers` table of your figures")
        }
        return .percent(figure.rate)
    }
}
