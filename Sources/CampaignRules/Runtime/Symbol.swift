// The built-in symbols: follower tiers, platforms, rounding modes and sort directions.

/// A built-in symbol such as `tiktok` or `micro`. Symbols are a closed set, so one byte each.
public enum Symbol: UInt8, Sendable, Hashable, CaseIterable {
    // Follower tiers
    case nano, micro, mid, macro, mega
    // Platforms
    case instagram, tiktok, youtube, x, facebook, linkedin, pinterest, twitch, blog
    // Rounding modes
    case halfUp, halfEven, halfDown, up, down, floor, ceiling, zeroFiveUp
    // Sort directions
    case asc, desc

    public enum Family: String, Sendable {
        case tier = "Tier"
        case platform = "Platform"
        case rounding = "RoundingMode"
        case direction = "Direction"
    }

    public var family: Family {
        switch self {
        case .nano, .micro, .mid, .macro, .mega: .tier
        case .instagram, .tiktok, .youtube, .x, .facebook, .linkedin, .pinterest, .twitch, .blog: .platform
        case .halfUp, .halfEven, .halfDown, .up, .down, .floor, .ceiling, .zeroFiveUp: .rounding
        case .asc, .desc: .direction
        }
    }

    /// The name as written in rule files.
    public var name: String {
        switch self {
        case .halfUp: "half_up"
        case .halfEven: "half_even"
        case .halfDown: "half_down"
        case .zeroFiveUp: "05up"
        default: "\(self)"
        }
    }

    /// Interpolating a symbol would show its Swift case name, so displays use `name`.
    public var description: String { name }

    /// Symbols by their written name (`05up` cannot be written as a name, so it is not here).
    static let byName: [String: Symbol] = Dictionary(
        uniqueKeysWithValues: allCases.filter { $0 != .zeroFiveUp }.map { ($0.name, $0) })

    /// The decimal rounding mode a rounding symbol names.
    var roundingMode: DecimalNumber.RoundingMode? {
        switch self {
        case .halfUp: .halfUp
        case .halfEven: .halfEven
        case .halfDown: .halfDown
        case .up: .up
        case .down: .down
        case .floor: .floor
        case .ceiling: .ceiling
        case .zeroFiveUp: .zeroFiveUp
        default: nil
        }
    }
}
