// Influencer metrics: engagement, click and conversion rates, costs per result, ROI, tiers.

/// The metric functions of the runtime library. Each reads named fields of a record; a missing
/// field or a zero denominator is an error that names the function, the field and the record.
enum Metrics {
    static func call(_ function: Builtin, _ arguments: [Value]) throws(ValueError) -> Value {
        switch function {
        case .tier: return .symbol(try tier(arguments[0]))
        case .benchmarkEngagement: return try Benchmarks.engagement(arguments[0], arguments[1])
        case .hasDisclosure: return .bool(try Disclosure.isDisclosed(arguments[0], on: arguments[1]))
        default: break
        }
        let creator = try record(arguments[0], for: function)
        switch function {
        case .interactions: return .number(try interactions(creator, for: function))
        case .engagementRate: return try ratio(.number(try interactions(creator, for: function)), creator, "followers", function, asPercent: true)
        case .engagementRateByReach: return try ratio(.number(try interactions(creator, for: function)), creator, "reach", function, asPercent: true)
        case .engagementRateByViews: return try ratio(.number(try interactions(creator, for: function)), creator, "views", function, asPercent: true)
        case .ctr: return try ratio(try field(creator, "clicks", function), creator, "impressions", function, asPercent: true)
        case .conversionRate: return try ratio(try field(creator, "conversions", function), creator, "clicks", function, asPercent: true)
        case .aov: return try ratio(try field(creator, "sales", function), creator, "conversions", function)
        case .cpc: return try ratio(try field(creator, "cost", function), creator, "clicks", function)
        case .cpa: return try ratio(try field(creator, "cost", function), creator, "conversions", function)
        case .cac: return try ratio(try field(creator, "cost", function), creator, "new_customers", function)
        case .cpm:
            let perImpression = try ratio(try field(creator, "cost", function), creator, "impressions", function)
            return try perImpression.multiplied(by: .number(DecimalNumber(1000)))
        case .cpe:
            return try ratio(
                try field(creator, "cost", function), creator, "interactions", function,
                denominator: .number(try interactions(creator, for: function)))
        case .roi:
            let profit = try field(creator, "sales", function).subtracting(try field(creator, "cost", function))
            return try ratio(profit, creator, "cost", function, asPercent: true)
        case .roas: return try ratio(try field(creator, "sales", function), creator, "cost", function)
        case .suspicious:
            var signals = FraudSignals(for: function)
            if arguments.count > 1 { signals.minimumEngagement = try FraudSignals.fraction(arguments[1], "minimum engagement") }
            return .bool(!(try signals.flags(creator, previousFollowers: nil)).isEmpty)
        case .fraudFlags:
            var signals = FraudSignals(for: function)
            if arguments.count > 2 { signals.spikeGrowth = try FraudSignals.fraction(arguments[2], "spike threshold") }
            return .list(try signals.flags(creator, previousFollowers: arguments.count > 1 ? arguments[1] : nil).map(Value.text))
        default:
            throw ValueError(.invalidArgument, "\(function.rawValue) is not a metric")
        }
    }

    /// Standard follower tiers: nano < 10k ≤ micro < 100k ≤ macro < 1M ≤ mega.
    static func tier(_ argument: Value) throws(ValueError) -> Symbol {
        let followers: DecimalNumber
        switch argument {
        case .number(let count): followers = count
        case .record(let creator):
            guard case .number(let count) = try field(creator, "followers", .tier) else {
                throw ValueError(.typeMismatch, "tier needs `followers` to be a number in \(describe(creator))")
            }
            followers = count
        default:
            throw ValueError(.invalidArgument, "tier needs a creator record or a follower count, found \(argument.kindName)")
        }
        if followers.compare(DecimalNumber(10_000)) < 0 { return .nano }
        if followers.compare(DecimalNumber(100_000)) < 0 { return .micro }
        if followers.compare(DecimalNumber(1_000_000)) < 0 { return .macro }
        return .mega
    }

    static func record(_ value: Value, for function: Builtin) throws(ValueError) -> RecordValue {
        guard case .record(let record) = value else {
            throw ValueError(
                .notARecord, "\(function.rawValue) needs a creator record, found \(value.kindName)",
                fix: "call it as \(function.usage)")
        }
        return record
    }

    static func field(_ creator: RecordValue, _ name: String, _ function: Builtin) throws(ValueError) -> Value {
        guard let value = creator[name] else {
            throw ValueError(.missingField, "\(function.rawValue) needs the field `\(name)`, which \(describe(creator)) does not have")
        }
        return value
    }

    /// likes + comments + shares + saves; a missing count is zero.
    static func interactions(_ creator: RecordValue, for function: Builtin) throws(ValueError) -> DecimalNumber {
        var total = DecimalNumber.zero
        for name in ["likes", "comments", "shares", "saves"] {
            guard let value = creator[name] else { continue }
            guard case .number(let count) = value else {
                throw ValueError(
                    .typeMismatch, "\(function.rawValue) needs `\(name)` to be a number in \(describe(creator)), found \(value.kindName)")
            }
            total = try DecimalNumber.checked { () throws(DecimalNumber.ArithmeticError) in try total.adding(count, context: languageContext) }
        }
        return total
    }

    static func ratio(
        _ numerator: Value, _ creator: RecordValue, _ denominatorField: String, _ function: Builtin,
        asPercent: Bool = false, denominator: Value? = nil
    ) throws(ValueError) -> Value {
        let divisor: Value
        if let denominator { divisor = denominator } else { divisor = try field(creator, denominatorField, function) }
        if divisor.decimal?.isZero == true {
            throw ValueError(
                .divisionByZero, "\(function.rawValue) divides by `\(denominatorField)`, which is zero for \(describe(creator))",
                fix:
                    "filter such records out first, e.g. `where \(denominatorField == "interactions" ? "interactions(it)" : "it." + denominatorField) > 0`"
            )
        }
        let result = try numerator.divided(by: divisor)
        if asPercent, case .number(let fraction) = result { return .percent(fraction) }
        return result
    }

    /// Names a record in a message by its `id`, `handle` or `name` field when it has one.
    static func describe(_ record: RecordValue) -> String {
        for key in ["id", "handle", "name"] {
            if let value = record[key] { return "the record with \(key) \(value)" }
        }
        let text = Value.record(record).description
        return "the record " + (text.count > 60 ? String(text.prefix(57)) + "...}" : text)
    }
}

/// Signals that a creator's audience may be bought or inflated. Each threshold has a default
/// a rule file can override (`suspicious(c, 1%)`, `fraud_flags(c, previous, 30%)`).
struct FraudSignals {
    /// Below this engagement rate an audience is commonly treated as suspect: 0.5% of followers.
    var minimumEngagement = DecimalNumber(isNegative: false, coefficient: 5, exponent: -3)
    /// Follower growth above this since the previous count is a spike: 50%.
    var spikeGrowth = DecimalNumber(isNegative: false, coefficient: 5, exponent: -1)
    /// The function a rule called, named in errors.
    let function: Builtin

    init(for function: Builtin) {
        self.function = function
    }

    /// The reasons this creator looks suspect; empty when none applies. The previous follower
    /// count comes from the argument, or else from a `previous_followers` field.
    func flags(_ creator: RecordValue, previousFollowers: Value?) throws(ValueError) -> [String] {
        var reasons: [String] = []
        let rate = try Metrics.ratio(.number(try Metrics.interactions(creator, for: function)), creator, "followers", function, asPercent: true)
        if let fraction = rate.decimal, fraction.compare(minimumEngagement) < 0 {
            reasons.append("engagement rate \(rate.briefDescription) is below \(Value.percent(minimumEngagement)) of followers")
        }
        if case .number(let before)? = previousFollowers ?? creator["previous_followers"], !before.isZero, !before.isNegative,
            case .number(let now)? = creator["followers"]
        {
            let growth = try DecimalNumber.checked { () throws(DecimalNumber.ArithmeticError) in
                try now.subtracting(before, context: languageContext).divided(by: before, context: languageContext)
            }
            if growth.compare(spikeGrowth) > 0 {
                reasons.append(
                    "followers grew \(Value.percent(growth).briefDescription) since the previous count (a spike above \(Value.percent(spikeGrowth)))")
            }
        }
        return reasons
    }

    static func fraction(_ value: Value, _ what: String) throws(ValueError) -> DecimalNumber {
        switch value {
        case .percent(let fraction), .number(let fraction): return fraction
        default: throw ValueError(.invalidArgument, "the \(what) must be a percent such as 1%, found \(value)")
        }
    }
}
