// The integer operations the decimal kernel needs from a coefficient, and UInt128's answers to them.

/// What was cut off when a coefficient lost its low digits, in the only terms rounding asks about.
///
/// Every rounding mode decides from these four facts (plus the last kept digit), so the kernel
/// carries them instead of the discarded digits themselves.
enum DiscardedDigits: Comparable, Sendable {
    case zero
    case belowHalf
    case half
    case aboveHalf

    /// The classification once a nonzero remainder lying even further below is counted too.
    ///
    /// Division produces such a remainder: it can only push the discarded part off an exact
    /// zero or an exact half, never across half.
    var includingNonzeroTail: DiscardedDigits {
        switch self {
        case .zero: .belowHalf
        case .half: .aboveHalf
        case .belowHalf, .aboveHalf: self
        }
    }

    /// Classifies a remainder by comparing twice its value with the divisor that produced it.
    static func classify(twiceRemainder: UInt128, divisor: UInt128, remainderIsZero: Bool) -> DiscardedDigits {
        if remainderIsZero { return .zero }
        if twiceRemainder < divisor { return .belowHalf }
        return twiceRemainder == divisor ? .half : .aboveHalf
    }

    /// Classifies a division remainder against half the divisor, without doubling anything.
    static func classify<Coefficient: DecimalCoefficient>(remainder: Coefficient, divisor: Coefficient)
        -> DiscardedDigits
    {
        if remainder.isZero { return .zero }
        // remainder < divisor, so the complement is positive; comparing with it compares 2r with the divisor.
        let complement = divisor.subtracting(remainder)
        if remainder < complement { return .belowHalf }
        return remainder == complement ? .half : .aboveHalf
    }
}

/// The unsigned integer arithmetic the decimal kernel is written against.
///
/// The kernel is generic over this protocol so that a single algorithm serves two coefficient
/// types: `UInt128`, which holds nearly every value the language computes without allocating,
/// and `WideInteger`, which takes over when an operand or an intermediate result does not fit.
/// Operations that might not fit return nil; `WideInteger`'s never do, so a retry with it
/// always completes.
protocol DecimalCoefficient: Comparable, Sendable {
    static var zero: Self { get }
    static var one: Self { get }
    init(compact: UInt128)
    /// The value as a UInt128, or nil when it does not fit.
    var compactValue: UInt128? { get }
    var isZero: Bool { get }
    /// The number of decimal digits; zero counts as one digit, as in GDA.
    var decimalDigitCount: Int { get }
    /// The units digit, which half-even and 05up rounding consult.
    var lastDecimalDigit: Int { get }
    /// `self × 10^power` for `power ≥ 0`, or nil when it does not fit.
    func multipliedByPowerOfTen(_ power: Int) -> Self?
    func adding(_ other: Self) -> Self?
    /// `self − smaller`; the caller guarantees `smaller ≤ self`.
    func subtracting(_ smaller: Self) -> Self
    func multiplied(by other: Self) -> Self?
    /// Truncating division by a nonzero divisor.
    func dividedWithRemainder(by divisor: Self) -> (quotient: Self, remainder: Self)
    /// Removes the lowest `count` digits (`count ≥ 0`, any size) and says what they were worth.
    func droppingLowDigits(_ count: Int) -> (kept: Self, discarded: DiscardedDigits)
}

extension DecimalCoefficient {
    /// Strips trailing zero digits, at most `limit` of them, returning how many went.
    ///
    /// Exact quotients and normalization need this; halving chunk sizes keeps it to a handful
    /// of divisions instead of one per digit.
    func removingTrailingZeros(upTo limit: Int) -> (value: Self, removedCount: Int) {
        guard !isZero else { return (self, 0) }
        var value = self
        var removedCount = 0
        for chunk in [32, 16, 8, 4, 2, 1] {
            // Only the largest chunk can be needed more than once; after it, each smaller one
            // is taken at most once, like the bits of the remaining count.
            while removedCount + chunk <= limit {
                let (kept, discarded) = value.droppingLowDigits(chunk)
                guard discarded == .zero else { break }
                value = kept
                removedCount += chunk
                if chunk != 32 { break }
            }
        }
        return (value, removedCount)
    }
}

/// Powers of ten as literal tables, so lookups cost an index instead of a loop or a division.
enum PowersOfTen {
    /// 10^0 through 10^38, every power of ten below 2^128.
    static let uint128: [UInt128] = [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
        10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000,
        100_000_000_000_000, 1_000_000_000_000_000, 10_000_000_000_000_000,
        100_000_000_000_000_000, 1_000_000_000_000_000_000, 10_000_000_000_000_000_000,
        100_000_000_000_000_000_000, 1_000_000_000_000_000_000_000,
        10_000_000_000_000_000_000_000, 100_000_000_000_000_000_000_000,
        1_000_000_000_000_000_000_000_000, 10_000_000_000_000_000_000_000_000,
        100_000_000_000_000_000_000_000_000, 1_000_000_000_000_000_000_000_000_000,
        10_000_000_000_000_000_000_000_000_000, 100_000_000_000_000_000_000_000_000_000,
        1_000_000_000_000_000_000_000_000_000_000, 10_000_000_000_000_000_000_000_000_000_000,
        100_000_000_000_000_000_000_000_000_000_000, 1_000_000_000_000_000_000_000_000_000_000_000,
        10_000_000_000_000_000_000_000_000_000_000_000,
        100_000_000_000_000_000_000_000_000_000_000_000,
        1_000_000_000_000_000_000_000_000_000_000_000_000,
        10_000_000_000_000_000_000_000_000_000_000_000_000,
        100_000_000_000_000_000_000_000_000_000_000_000_000,
    ]

    /// 10^0 through 10^19, every power of ten below 2^64.
    static let uint64: [UInt64] = [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
        10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000,
        100_000_000_000_000, 1_000_000_000_000_000, 10_000_000_000_000_000,
        100_000_000_000_000_000, 1_000_000_000_000_000_000, 10_000_000_000_000_000_000,
    ]

    /// `value / 10^power` and the remainder, for `power` in 0...19.
    ///
    /// Each case divides by a constant, which the compiler turns into a multiplication and a
    /// shift; a hardware division by a variable power costs several times more, and rounding
    /// to cents does this once per amount.
    static func divide(_ value: UInt64, byPowerOfTen power: Int) -> (quotient: UInt64, remainder: UInt64) {
        switch power {
        case 0: (value, 0)
        case 1: value.quotientAndRemainder(dividingBy: 10)
        case 2: value.quotientAndRemainder(dividingBy: 100)
        case 3: value.quotientAndRemainder(dividingBy: 1_000)
        case 4: value.quotientAndRemainder(dividingBy: 10_000)
        case 5: value.quotientAndRemainder(dividingBy: 100_000)
        case 6: value.quotientAndRemainder(dividingBy: 1_000_000)
        case 7: value.quotientAndRemainder(dividingBy: 10_000_000)
        case 8: value.quotientAndRemainder(dividingBy: 100_000_000)
        case 9: value.quotientAndRemainder(dividingBy: 1_000_000_000)
        case 10: value.quotientAndRemainder(dividingBy: 10_000_000_000)
        case 11: value.quotientAndRemainder(dividingBy: 100_000_000_000)
        case 12: value.quotientAndRemainder(dividingBy: 1_000_000_000_000)
        case 13: value.quotientAndRemainder(dividingBy: 10_000_000_000_000)
        case 14: value.quotientAndRemainder(dividingBy: 100_000_000_000_000)
        case 15: value.quotientAndRemainder(dividingBy: 1_000_000_000_000_000)
        case 16: value.quotientAndRemainder(dividingBy: 10_000_000_000_000_000)
        case 17: value.quotientAndRemainder(dividingBy: 100_000_000_000_000_000)
        case 18: value.quotientAndRemainder(dividingBy: 1_000_000_000_000_000_000)
        default: value.quotientAndRemainder(dividingBy: 10_000_000_000_000_000_000)
        }
    }

    /// The number of decimal digits in a UInt64 (one for zero).
    static func digitCount(of value: UInt64) -> Int {
        // floor(bitLength × log10 2) is the digit count or one less; one comparison settles it.
        let estimate = ((64 - value.leadingZeroBitCount) * 1233) >> 12
        return max(1, value >= uint64[estimate] ? estimate + 1 : estimate)
    }
}

/// UInt128 is the fast coefficient: 38 digits cover every language value (28 digits) and
/// the exact product of two 19-digit coefficients, with no allocation.
extension UInt128: DecimalCoefficient {
    static var one: UInt128 { 1 }

    init(compact: UInt128) {
        self = compact
    }

    var compactValue: UInt128? { self }

    var isZero: Bool { self == 0 }

    /// The value when it fits in 64 bits, so hot paths can use single machine instructions.
    var uint64Value: UInt64? {
        self >> 64 == 0 ? UInt64(truncatingIfNeeded: self) : nil
    }

    var decimalDigitCount: Int {
        if let small = uint64Value { return PowersOfTen.digitCount(of: small) }
        let estimate = ((128 - leadingZeroBitCount) * 1233) >> 12
        return self >= PowersOfTen.uint128[estimate] ? estimate + 1 : estimate
    }

    var lastDecimalDigit: Int {
        // 2^64 ≡ 6 (mod 10), so the units digit follows from the halves without a 128-bit division.
        let high = UInt64(truncatingIfNeeded: self >> 64)
        let low = UInt64(truncatingIfNeeded: self)
        return Int((low % 10 + (high % 10) * 6) % 10)
    }

    func multipliedByPowerOfTen(_ power: Int) -> UInt128? {
        guard power >= 0 else { return nil }
        if power == 0 || self == 0 { return self }
        if power <= 19, let small = uint64Value {
            // A 64-bit value times a 64-bit power always fits in 128 bits.
            let wide = small.multipliedFullWidth(by: PowersOfTen.uint64[power])
            return UInt128(wide.high) << 64 | UInt128(wide.low)
        }
        guard power <= 38 else { return nil }
        let (product, overflow) = multipliedReportingOverflow(by: PowersOfTen.uint128[power])
        return overflow ? nil : product
    }

    func adding(_ other: UInt128) -> UInt128? {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? nil : sum
    }

    func subtracting(_ smaller: UInt128) -> UInt128 {
        self &- smaller
    }

    func multiplied(by other: UInt128) -> UInt128? {
        if let left = uint64Value, let right = other.uint64Value {
            let wide = left.multipliedFullWidth(by: right)
            return UInt128(wide.high) << 64 | UInt128(wide.low)
        }
        let (product, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? nil : product
    }

    func dividedWithRemainder(by divisor: UInt128) -> (quotient: UInt128, remainder: UInt128) {
        if let smallDivisor = divisor.uint64Value {
            let (quotient, remainder) = dividedWithRemainder(bySmall: smallDivisor)
            return (quotient, UInt128(remainder))
        }
        return quotientAndRemainder(dividingBy: divisor)
    }

    /// Division by a 64-bit divisor as two hardware divisions, the common case for powers of ten.
    func dividedWithRemainder(bySmall divisor: UInt64) -> (quotient: UInt128, remainder: UInt64) {
        if let small = uint64Value {
            let (quotient, remainder) = small.quotientAndRemainder(dividingBy: divisor)
            return (UInt128(quotient), remainder)
        }
        let high = UInt64(truncatingIfNeeded: self >> 64)
        let low = UInt64(truncatingIfNeeded: self)
        let (highQuotient, highRemainder) = high.quotientAndRemainder(dividingBy: divisor)
        // highRemainder < divisor, so this quotient fits in 64 bits.
        let (lowQuotient, remainder) = divisor.dividingFullWidth((high: highRemainder, low: low))
        return (UInt128(highQuotient) << 64 | UInt128(lowQuotient), remainder)
    }

    func droppingLowDigits(_ count: Int) -> (kept: UInt128, discarded: DiscardedDigits) {
        if count <= 0 { return (self, .zero) }
        if count > 38 {
            // Even 2^128 − 1 is below half of 10^39, so everything is discarded and below half.
            return (0, self == 0 ? .zero : .belowHalf)
        }
        let divisor = PowersOfTen.uint128[count]
        if count <= 19, let small = uint64Value {
            let (quotient, remainder) = PowersOfTen.divide(small, byPowerOfTen: count)
            let discarded = DiscardedDigits.classify(
                twiceRemainder: UInt128(remainder) << 1, divisor: divisor, remainderIsZero: remainder == 0)
            return (UInt128(quotient), discarded)
        }
        if count <= 19 {
            let (quotient, remainder) = dividedWithRemainder(bySmall: UInt64(truncatingIfNeeded: divisor))
            let discarded = DiscardedDigits.classify(
                twiceRemainder: UInt128(remainder) << 1, divisor: divisor, remainderIsZero: remainder == 0)
            return (quotient, discarded)
        }
        let (quotient, remainder) = quotientAndRemainder(dividingBy: divisor)
        // remainder < 10^38, so doubling it cannot overflow.
        let discarded = DiscardedDigits.classify(
            twiceRemainder: remainder << 1, divisor: divisor, remainderIsZero: remainder == 0)
        return (quotient, discarded)
    }
}
