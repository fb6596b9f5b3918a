// An unsigned integer of any length, the coefficient the decimal kernel falls back to when UInt128 is too small.

/// An arbitrary-length unsigned integer stored as little-endian 64-bit limbs.
///
/// Only the slow path uses it: operands longer than 38 digits, products of two long
/// coefficients, dividends scaled past 2^128. It therefore favours short, obviously correct
/// algorithms (schoolbook multiplication, bit-by-bit long division) over speed.
struct WideInteger: Sendable, Hashable {
    /// Little-endian limbs without zero limbs at the top, so equal values have equal arrays
    /// and zero is the empty array.
    private(set) var limbs: [UInt64]

    init(limbs: [UInt64]) {
        self.limbs = limbs
        removeLeadingZeroLimbs()
    }

    init(_ value: UInt64) {
        limbs = value == 0 ? [] : [value]
    }

    private mutating func removeLeadingZeroLimbs() {
        while limbs.last == 0 { limbs.removeLast() }
    }

    /// The number of significant bits.
    var bitWidth: Int {
        guard let top = limbs.last else { return 0 }
        return limbs.count * 64 - top.leadingZeroBitCount
    }

    private func bit(at index: Int) -> UInt64 {
        (limbs[index / 64] >> UInt64(index % 64)) & 1
    }

    /// `self × factor + addend` for single-limb operands, the step of scaling by 10^k.
    func multiplied(bySmall factor: UInt64, adding addend: UInt64 = 0) -> WideInteger {
        var result: [UInt64] = []
        result.reserveCapacity(limbs.count + 1)
        var carry = addend
        for limb in limbs {
            let product = limb.multipliedFullWidth(by: factor)
            let (low, overflow) = product.low.addingReportingOverflow(carry)
            result.append(low)
            carry = product.high &+ (overflow ? 1 : 0)
        }
        result.append(carry)
        return WideInteger(limbs: result)
    }

    /// Short division by a single nonzero limb.
    func dividedWithRemainder(bySmall divisor: UInt64) -> (quotient: WideInteger, remainder: UInt64) {
        var quotient = [UInt64](repeating: 0, count: limbs.count)
        var remainder: UInt64 = 0
        for index in limbs.indices.reversed() {
            // remainder < divisor, so each partial quotient fits in one limb.
            let (digit, rest) = divisor.dividingFullWidth((high: remainder, low: limbs[index]))
            quotient[index] = digit
            remainder = rest
        }
        return (WideInteger(limbs: quotient), remainder)
    }

    /// Long division one bit at a time: slow, but short enough to check by eye.
    private func dividedWithRemainder(byLong divisor: WideInteger) -> (quotient: WideInteger, remainder: WideInteger) {
        var quotient = [UInt64](repeating: 0, count: limbs.count)
        var remainder = WideInteger.zero
        for index in stride(from: bitWidth - 1, through: 0, by: -1) {
            remainder.shiftLeftOneBit(insertingLowBit: bit(at: index))
            if remainder >= divisor {
                remainder.subtractInPlace(divisor)
                quotient[index / 64] |= 1 << UInt64(index % 64)
            }
        }
        return (WideInteger(limbs: quotient), remainder)
    }

    private mutating func shiftLeftOneBit(insertingLowBit lowBit: UInt64) {
        var carry = lowBit
        for index in limbs.indices {
            let limb = limbs[index]
            limbs[index] = limb << 1 | carry
            carry = limb >> 63
        }
        if carry != 0 { limbs.append(carry) }
    }

    private mutating func subtractInPlace(_ smaller: WideInteger) {
        var borrow = false
        for index in limbs.indices {
            let subtrahend = index < smaller.limbs.count ? smaller.limbs[index] : 0
            let (partial, firstBorrow) = limbs[index].subtractingReportingOverflow(subtrahend)
            let (difference, secondBorrow) = partial.subtractingReportingOverflow(borrow ? 1 : 0)
            limbs[index] = difference
            borrow = firstBorrow || secondBorrow
        }
        removeLeadingZeroLimbs()
    }
}

extension WideInteger: Comparable {
    static func < (left: WideInteger, right: WideInteger) -> Bool {
        if left.limbs.count != right.limbs.count { return left.limbs.count < right.limbs.count }
        for index in left.limbs.indices.reversed() where left.limbs[index] != right.limbs[index] {
            return left.limbs[index] < right.limbs[index]
        }
        return false
    }
}

extension WideInteger: DecimalCoefficient {
    static var zero: WideInteger { WideInteger(limbs: []) }
    static var one: WideInteger { WideInteger(1) }

    /// The largest power of ten in one limb, the stride for digit-wise work on long values.
    private static let limbPowerOfTen: UInt64 = 10_000_000_000_000_000_000
    private static let limbPowerOfTenDigits = 19

    init(compact: UInt128) {
        self.init(limbs: [UInt64(truncatingIfNeeded: compact), UInt64(truncatingIfNeeded: compact >> 64)])
    }

    var compactValue: UInt128? {
        switch limbs.count {
        case 0: 0
        case 1: UInt128(limbs[0])
        case 2: UInt128(limbs[1]) << 64 | UInt128(limbs[0])
        default: nil
        }
    }

    var isZero: Bool { limbs.isEmpty }

    var decimalDigitCount: Int {
        var value = self
        var count = 0
        while value.limbs.count > 1 {
            value = value.dividedWithRemainder(bySmall: Self.limbPowerOfTen).quotient
            count += Self.limbPowerOfTenDigits
        }
        return count + PowersOfTen.digitCount(of: value.limbs.first ?? 0)
    }

    var lastDecimalDigit: Int {
        Int(dividedWithRemainder(bySmall: 10).remainder)
    }

    func multipliedByPowerOfTen(_ power: Int) -> WideInteger? {
        guard power >= 0 else { return nil }
        var result = self
        var remaining = power
        while remaining > 0 && !result.isZero {
            let step = min(remaining, Self.limbPowerOfTenDigits)
            result = result.multiplied(bySmall: PowersOfTen.uint64[step])
            remaining -= step
        }
        return result
    }

    func adding(_ other: WideInteger) -> WideInteger? {
        var result: [UInt64] = []
        result.reserveCapacity(max(limbs.count, other.limbs.count) + 1)
        var carry = false
        for index in 0..<max(limbs.count, other.limbs.count) {
            let left = index < limbs.count ? limbs[index] : 0
            let right = index < other.limbs.count ? other.limbs[index] : 0
            let (partial, firstCarry) = left.addingReportingOverflow(right)
            let (sum, secondCarry) = partial.addingReportingOverflow(carry ? 1 : 0)
            result.append(sum)
            carry = firstCarry || secondCarry
        }
        if carry { result.append(1) }
        return WideInteger(limbs: result)
    }

    func subtracting(_ smaller: WideInteger) -> WideInteger {
        var result = self
        result.subtractInPlace(smaller)
        return result
    }

    func multiplied(by other: WideInteger) -> WideInteger? {
        guard !isZero && !other.isZero else { return .zero }
        var result = [UInt64](repeating: 0, count: limbs.count + other.limbs.count)
        for (leftIndex, left) in limbs.enumerated() {
            var carry: UInt64 = 0
            for (rightIndex, right) in other.limbs.enumerated() {
                // left × right + result + carry < 2^128, so the running sum never overflows.
                let product = left.multipliedFullWidth(by: right)
                let (low, lowOverflow) = product.low.addingReportingOverflow(result[leftIndex + rightIndex])
                let (sum, sumOverflow) = low.addingReportingOverflow(carry)
                result[leftIndex + rightIndex] = sum
                carry = product.high &+ (lowOverflow ? 1 : 0) &+ (sumOverflow ? 1 : 0)
            }
            result[leftIndex + other.limbs.count] = carry
        }
        return WideInteger(limbs: result)
    }

    func dividedWithRemainder(by divisor: WideInteger) -> (quotient: WideInteger, remainder: WideInteger) {
        if divisor.limbs.count == 1 {
            let (quotient, remainder) = dividedWithRemainder(bySmall: divisor.limbs[0])
            return (quotient, WideInteger(remainder))
        }
        if self < divisor { return (.zero, self) }
        return dividedWithRemainder(byLong: divisor)
    }

    func droppingLowDigits(_ count: Int) -> (kept: WideInteger, discarded: DiscardedDigits) {
        if count <= 0 { return (self, .zero) }
        if count > decimalDigitCount { return (.zero, isZero ? .zero : .belowHalf) }
        // Drop all but one of the digits, remembering only whether any was nonzero; the last
        // dropped digit then decides the comparison with half, the earlier ones break ties.
        var value = self
        var lowerDigitsAreZero = true
        var remaining = count - 1
        while remaining > 0 {
            let step = min(remaining, Self.limbPowerOfTenDigits)
            let (quotient, remainder) = value.dividedWithRemainder(bySmall: PowersOfTen.uint64[step])
            value = quotient
            lowerDigitsAreZero = lowerDigitsAreZero && remainder == 0
            remaining -= step
        }
        let (kept, leadingDroppedDigit) = value.dividedWithRemainder(bySmall: 10)
        let discarded: DiscardedDigits
        switch leadingDroppedDigit {
        case 0 where lowerDigitsAreZero: discarded = .zero
        case 0..<5: discarded = .belowHalf
        case 5 where lowerDigitsAreZero: discarded = .half
        default: discarded = .aboveHalf
        }
        return (kept, discarded)
    }
}
