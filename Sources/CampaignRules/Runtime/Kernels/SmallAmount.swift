// SmallAmount, the kernel's fast representation: a signed 64-bit coefficient and an exponent.

/// An amount whose coefficient fits in an Int64, as nearly every amount in a commission rule
/// does, computed with single machine instructions.
///
/// Each operation here is exact and gives the very value `DecimalNumber`'s operation gives in
/// the language's context (with the same exponent), or throws `Deopt`: on overflow, on a
/// result that would need rounding to 28 digits, and on a negative zero, which a signed
/// coefficient cannot hold. The kernel then evaluates the row with `DecimalNumber`s instead.
struct SmallAmount {
    var coefficient: Int64
    var exponent: Int32

    /// Exponents within this bound keep every result far inside the context's range
    /// (±6,143) however a kernel combines them, so no operation needs a range check beyond it.
    static let exponentBound: Int32 = 2_000

    @inline(__always)
    init(coefficient: Int64, exponent: Int32) {
        self.coefficient = coefficient
        self.exponent = exponent
    }

    /// The value of a decimal that fits; nil for larger coefficients, extreme exponents and negative zero.
    @inline(__always)
    init?(_ value: DecimalNumber) {
        guard let signed = value.signedCoefficient, value.storedExponent.magnitude <= SmallAmount.exponentBound else { return nil }
        self.init(coefficient: signed, exponent: value.storedExponent)
    }

    @inline(__always)
    var decimal: DecimalNumber { DecimalNumber(signedCoefficient: coefficient, storedExponent: exponent) }

    /// A result, checked: Int64.min has no negation, so it is left to the decimal path.
    @inline(__always)
    private static func checked(_ coefficient: Int64, _ exponent: Int32) throws(Deopt) -> SmallAmount {
        guard coefficient != .min, exponent.magnitude <= exponentBound else { throw Deopt() }
        return SmallAmount(coefficient: coefficient, exponent: exponent)
    }

    /// The coefficients of `a` and `b` at the smaller of their exponents.
    @inline(__always)
    private static func aligned(_ a: SmallAmount, _ b: SmallAmount) throws(Deopt) -> (Int64, Int64, Int32) {
        if a.exponent == b.exponent { return (a.coefficient, b.coefficient, a.exponent) }
        if a.exponent > b.exponent {
            return (try scaled(a.coefficient, by: a.exponent - b.exponent), b.coefficient, b.exponent)
        }
        return (a.coefficient, try scaled(b.coefficient, by: b.exponent - a.exponent), a.exponent)
    }

    @inline(__always)
    private static func scaled(_ coefficient: Int64, by power: Int32) throws(Deopt) -> Int64 {
        guard power < 19 else { throw Deopt() }
        let (result, overflow) = coefficient.multipliedReportingOverflow(by: Int64(PowersOfTen.uint64[Int(power)]))
        if overflow { throw Deopt() }
        return result
    }

    @inline(__always)
    static func + (a: SmallAmount, b: SmallAmount) throws(Deopt) -> SmallAmount {
        let (x, y, exponent) = try aligned(a, b)
        let (sum, overflow) = x.addingReportingOverflow(y)
        if overflow { throw Deopt() }
        return try checked(sum, exponent)
    }

    @inline(__always)
    static func - (a: SmallAmount, b: SmallAmount) throws(Deopt) -> SmallAmount {
        let (x, y, exponent) = try aligned(a, b)
        let (difference, overflow) = x.subtractingReportingOverflow(y)
        if overflow { throw Deopt() }
        return try checked(difference, exponent)
    }

    @inline(__always)
    static func * (a: SmallAmount, b: SmallAmount) throws(Deopt) -> SmallAmount {
        let (product, overflow) = a.coefficient.multipliedReportingOverflow(by: b.coefficient)
        // A zero times a negative is negative zero.
        if overflow || (product == 0 && (a.coefficient < 0 || b.coefficient < 0)) { throw Deopt() }
        return try checked(product, a.exponent + b.exponent)
    }

    @inline(__always)
    func negated() throws(Deopt) -> SmallAmount {
        guard coefficient != 0 else { throw Deopt() }
        return SmallAmount(coefficient: -coefficient, exponent: exponent)
    }

    @inline(__always)
    var magnitude: SmallAmount { SmallAmount(coefficient: coefficient < 0 ? -coefficient : coefficient, exponent: exponent) }

    /// −1, 0 or 1 by numeric order.
    @inline(__always)
    func compare(_ other: SmallAmount) -> Int {
        if exponent == other.exponent {
            return coefficient == other.coefficient ? 0 : (coefficient < other.coefficient ? -1 : 1)
        }
        let shift = Int(exponent) - Int(other.exponent)
        guard shift.magnitude < 19 else { return decimal.compare(other.decimal) }
        let power = Int64(PowersOfTen.uint64[Int(shift.magnitude)])
        // A side that overflows when scaled is the larger in magnitude.
        if shift > 0 {
            let (scaled, overflow) = coefficient.multipliedReportingOverflow(by: power)
            if overflow { return coefficient < 0 ? -1 : 1 }
            return scaled == other.coefficient ? 0 : (scaled < other.coefficient ? -1 : 1)
        }
        let (scaled, overflow) = other.coefficient.multipliedReportingOverflow(by: power)
        if overflow { return other.coefficient < 0 ? 1 : -1 }
        return coefficient == scaled ? 0 : (coefficient < scaled ? -1 : 1)
    }

    /// Whether dropping a nonzero `remainder` (against `half` of the unit dropped) moves the
    /// kept magnitude up, as `RoundingMode.incrementsMagnitude` decides for any coefficient.
    @inline(__always)
    private static func increments(
        _ mode: DecimalNumber.RoundingMode, kept: UInt64, remainder: UInt64, half: UInt64,
        isNegative: Bool
    ) -> Bool {
        switch mode {
        case .halfUp: remainder >= half
        case .halfEven: remainder > half || (remainder == half && kept & 1 == 1)
        case .halfDown: remainder > half
        case .up: true
        case .down: false
        case .ceiling: !isNegative
        case .floor: isNegative
        case .zeroFiveUp: kept % 5 == 0
        }
    }

    /// The value at exponent `-places` (GDA quantize), rounding with `mode`. A negative amount
    /// that rounds to zero is negative zero, which only `unsignedZero` allows (as zero).
    @inline(__always)
    func rounded(places: Int, mode: DecimalNumber.RoundingMode, unsignedZero: Bool = false) throws(Deopt) -> SmallAmount {
        let target = -places
        let current = Int(exponent)
        if current == target { return self }
        guard target.magnitude <= Int(SmallAmount.exponentBound) else { throw Deopt() }
        if current > target {
            return SmallAmount(coefficient: try SmallAmount.scaled(coefficient, by: Int32(current - target)), exponent: Int32(target))
        }
        guard target - current < 19 else { throw Deopt() }
        let (kept, remainder) = PowersOfTen.divide(coefficient.magnitude, byPowerOfTen: target - current)
        var magnitude = kept
        if remainder != 0 {
            let half = PowersOfTen.uint64[target - current] / 2
            if SmallAmount.increments(mode, kept: kept, remainder: remainder, half: half, isNegative: coefficient < 0) { magnitude += 1 }
        }
        // Rounding a negative amount to zero gives negative zero.
        if magnitude == 0 && coefficient < 0 {
            guard unsignedZero else { throw Deopt() }
            return SmallAmount(coefficient: 0, exponent: Int32(target))
        }
        let signed = Int64(magnitude)
        return SmallAmount(coefficient: coefficient < 0 ? -signed : signed, exponent: Int32(target))
    }
}
