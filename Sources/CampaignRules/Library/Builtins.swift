// The registry of built-in functions: names, arities, result types and implementations.

/// A built-in function. The resolver binds calls to these by name once; the interpreter
/// dispatches on the case, never on a string.
enum Builtin: String, CaseIterable, Sendable {
    // Aggregates and helpers
    case sum, count, avg, min, max, median, percentile, first, last, all, any, distinct, rank, clamp, abs, round
    // Influencer metrics
    case tier, interactions
    case engagementRate = "engagement_rate"
    case engagementRateByReach = "engagement_rate_by_reach"
    case engagementRateByViews = "engagement_rate_by_views"
    case ctr
    case conversionRate = "conversion_rate"
    case aov, cpc, cpa, cac, cpm, cpe, roi, roas
    case benchmarkEngagement = "benchmark_engagement"
    case suspicious
    case fraudFlags = "fraud_flags"
    case hasDisclosure = "has_disclosure"
    case hasBenchmark = "has_benchmark"
    /// A number shown as a percent: `percent($30 / $120) == 25%`.
    case percent
    // Dates and timestamps (see `Dates`)
    case date
    case addDays = "add_days"
    case addMonths = "add_months"
    case daysBetween = "days_between"
    case year, month, day, weekday
    case startOfWeek = "start_of_week"
    case startOfMonth = "start_of_month"
    case endOfMonth = "end_of_month"
    case startOfQuarter = "start_of_quarter"
    case startOfYear = "start_of_year"
    case inEffect = "in_effect"
    // Currencies (see `Conversion`)
    case convert

    static let byName: [String: Builtin] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })

    /// The names of functions the resolver treats specially (they take a tier table).
    static let specialNames: Set<String> = ["marginal"]

    /// Built-ins added after rule files could already use their names (`let month = 3`):
    /// a file's own declaration of the name hides the built-in, with a warning, so the file
    /// keeps its meaning.
    var isShadowable: Bool {
        isCalendar || self == .convert
    }

    var isCalendar: Bool {
        switch self {
        case .date, .addDays, .addMonths, .daysBetween, .year, .month, .day, .weekday, .startOfWeek, .startOfMonth,
            .endOfMonth, .startOfQuarter, .startOfYear, .inEffect:
            true
        default: false
        }
    }

    var arity: ClosedRange<Int> {
        switch self {
        case .min, .max: 1...2
        case .percentile, .rank, .benchmarkEngagement, .hasDisclosure, .hasBenchmark: 2...2
        case .addDays, .addMonths, .daysBetween, .convert: 2...2
        case .clamp: 3...3
        case .round: 1...3
        case .suspicious: 1...2
        case .fraudFlags: 1...3
        default: 1...1
        }
    }

    /// Whether the function sorts a copy of its list (so it makes n·log n comparisons).
    var sorts: Bool {
        switch self {
        case .median, .percentile, .distinct: true
        default: false
        }
    }

    /// How a call reads in messages: `round(x, places, mode)`.
    var usage: String {
        switch self {
        case .min, .max: "\(rawValue)(list) or \(rawValue)(a, b)"
        case .percentile: "percentile(list, p)"
        case .rank: "rank(value, values)"
        case .clamp: "clamp(x, low, high)"
        case .round: "round(x), round(x, places) or round(x, places, mode)"
        case .benchmarkEngagement: "benchmark_engagement(platform, tier)"
        case .suspicious: "suspicious(creator) or suspicious(creator, minimum_engagement)"
        case .fraudFlags: "fraud_flags(creator), fraud_flags(creator, previous_followers) or fraud_flags(creator, previous_followers, spike)"
        case .hasDisclosure: "has_disclosure(text, platform)"
        case .hasBenchmark: "has_benchmark(platform, tier)"
        case .percent: "percent(number)"
        case .tier: "tier(creator) or tier(followers)"
        case .date: "date(timestamp)"
        case .addDays: "add_days(date, days)"
        case .addMonths: "add_months(date, months)"
        case .daysBetween: "days_between(from, to)"
        case .convert: "convert(amount, rates)"
        case _ where isCalendar: "\(rawValue)(date)"
        default: "\(rawValue)(\(isMetric ? "creator" : "list"))"
        }
    }

    var isMetric: Bool {
        switch self {
        case .interactions, .engagementRate, .engagementRateByReach, .engagementRateByViews, .ctr, .conversionRate,
            .aov, .cpc, .cpa, .cac, .cpm, .cpe, .roi, .roas, .suspicious, .fraudFlags:
            true
        default: false
        }
    }

    /// The result type, as far as the argument types tell.
    func resultType(_ arguments: [StaticType]) -> StaticType {
        let first = arguments.first ?? .unknown
        switch self {
        case .sum, .min, .max, .median, .avg, .first, .last:
            if arguments.count == 2 { return first.joined(with: arguments[1]) }
            return self == .sum && first.elementType == .unknown ? .unknown : first.elementType
        case .percentile: return first.elementType
        case .count, .rank, .interactions, .roas: return .number
        case .all, .any, .suspicious, .hasDisclosure, .hasBenchmark: return .bool
        case .percent: return .percent
        case .distinct: return first
        case .clamp, .abs, .round: return first
        case .tier: return .symbol(.tier)
        case .engagementRate, .engagementRateByReach, .engagementRateByViews, .ctr, .conversionRate, .roi,
            .benchmarkEngagement:
            return .percent
        case .aov, .cpc, .cpa, .cac, .cpm, .cpe: return .unknown
        case .fraudFlags: return .list(.text)
        case .date, .addDays, .addMonths, .startOfWeek, .startOfMonth, .endOfMonth, .startOfQuarter, .startOfYear: return .date
        case .daysBetween, .year, .month, .day, .weekday: return .number
        case .inEffect: return .bool
        case .convert: return .unknown
        }
    }

    /// Runs the function on evaluated arguments.
    func call(_ arguments: [Value], settings: CampaignSettings) throws(ValueError) -> Value {
        switch self {
        case .sum: return try Aggregates.sum(Aggregates.items(arguments[0], for: self))
        case .count: return .number(DecimalNumber(try Aggregates.items(arguments[0], for: self).count))
        case .avg: return try Aggregates.average(Aggregates.nonEmptyList(arguments[0], for: self))
        case .min, .max:
            let candidates = arguments.count == 2 ? arguments : try Aggregates.nonEmptyList(arguments[0], for: self)
            return try Aggregates.extreme(candidates, largest: self == .max)
        case .median: return try Aggregates.median(Aggregates.nonEmptyList(arguments[0], for: self))
        case .percentile: return try Aggregates.percentile(Aggregates.nonEmptyList(arguments[0], for: self), arguments[1])
        case .first: return try Aggregates.nonEmptyList(arguments[0], for: self)[0]
        case .last: return try Aggregates.nonEmptyList(arguments[0], for: self).last ?? arguments[0]
        case .all, .any:
            let wanted = self == .any
            for item in try Aggregates.list(arguments[0], for: self) where try Aggregates.truth(item, for: self) == wanted {
                return .bool(wanted)
            }
            return .bool(!wanted)
        case .distinct: return .list(try Aggregates.distinct(Aggregates.items(arguments[0], for: self)))
        case .rank: return try Aggregates.rank(arguments[0], in: Aggregates.list(arguments[1], for: self))
        case .clamp: return try Aggregates.clamp(arguments[0], arguments[1], arguments[2])
        case .abs: return try Rounding.absolute(arguments[0])
        case .round: return try Rounding.round(arguments)
        case .percent:
            switch arguments[0] {
            case .number(let fraction), .percent(let fraction): return .percent(fraction)
            default:
                throw ValueError(
                    .invalidArgument, "percent needs a number such as a ratio, found \(arguments[0].kindName)",
                    fix: "divide first: `percent($30 / $120)`")
            }
        case .hasBenchmark: return .bool(Benchmarks.figure(arguments[0], arguments[1]) != nil)
        case .convert: return try Conversion.convert(arguments[0], rates: arguments[1], into: settings.currency)
        case _ where isCalendar: return try Dates.call(self, arguments, settings: settings)
        default: return try Metrics.call(self, arguments)
        }
    }
}
