// Numeric comparison, equality and hashing of DecimalNumber, which ignore representation (1.0 == 1.00, 0 == -0).

extension DecimalNumber: Comparable, Hashable {
    /// −1, 0 or 1 as `self` is numerically less than, equal to or greater than `other`.
    @inline(__always)
    public func compare(_ other: DecimalNumber) -> Int {
        if let order = DecimalFastPath.order(self, other) { return order }
        return compareSlowly(other)
    }

    /// The comparison for every pair the fast path leaves (and the reference it is tested against).
    @inline(never)
    func compareSlowly(_ other: DecimalNumber) -> Int {
        switch (isZero, other.isZero) {
        case (true, true): return 0
        case (true, false): return other.isNegative ? 1 : -1
        case (false, true): return isNegative ? -1 : 1
        case (false, false): break
        }
        if isNegative != other.isNegative { return isNegative ? -1 : 1 }
        let magnitudeOrder = Self.compareMagnitudes(self, other)
        return isNegative ? -magnitudeOrder : magnitudeOrder
    }

    /// Orders two nonzero magnitudes without any arithmetic that could overflow.
    private static func compareMagnitudes(_ left: DecimalNumber, _ right: DecimalNumber) -> Int {
        if left.storedExponent == right.storedExponent {
            return left.coefficient == right.coefficient ? 0 : (left.coefficient < right.coefficient ? -1 : 1)
        }
        // Money against a threshold ($1,200.00 vs $1,000): 64-bit coefficients a few places
        // apart are compared after one 128-bit scaling, without counting digits.
        let difference = left.exponent - right.exponent
        if difference.magnitude <= 19, let leftSmall = left.coefficient.uint64Value, let rightSmall = right.coefficient.uint64Value {
            let leftScaled = difference > 0 ? UInt128(leftSmall) * UInt128(PowersOfTen.uint64[difference]) : UInt128(leftSmall)
            let rightScaled = difference < 0 ? UInt128(rightSmall) * UInt128(PowersOfTen.uint64[-difference]) : UInt128(rightSmall)
            return leftScaled == rightScaled ? 0 : (leftScaled < rightScaled ? -1 : 1)
        }
        let leftAdjusted = left.adjustedExponent
        let rightAdjusted = right.adjustedExponent
        if leftAdjusted != rightAdjusted { return leftAdjusted < rightAdjusted ? -1 : 1 }
        // Same leading-digit position: scaling the one with the larger exponent up to the other
        // gives it the other's digit count, at most 38, so the product stays below 10^38.
        if left.exponent > right.exponent {
            let scaled = left.coefficient.multipliedByPowerOfTen(left.exponent - right.exponent) ?? 0
            return scaled == right.coefficient ? 0 : (scaled < right.coefficient ? -1 : 1)
        }
        let scaled = right.coefficient.multipliedByPowerOfTen(right.exponent - left.exponent) ?? 0
        return left.coefficient == scaled ? 0 : (left.coefficient < scaled ? -1 : 1)
    }

    /// Numeric equality: `1.0 == 1.00` and `0 == -0`, although they print differently.
    public static func == (left: DecimalNumber, right: DecimalNumber) -> Bool {
        left.compare(right) == 0
    }

    /// Numeric order, across exponents: `9999999999 < 1E+10`, and `-0` is not below `0`.
    public static func < (left: DecimalNumber, right: DecimalNumber) -> Bool {
        left.compare(right) < 0
    }

    /// Hashes the normalized value, so that numerically equal values hash alike.
    public func hash(into hasher: inout Hasher) {
        guard !isZero else {
            // Every zero is equal to every other, whatever its sign and exponent.
            hasher.combine(0 as UInt8)
            return
        }
        let canonical = normalized
        hasher.combine(canonical.isNegative)
        hasher.combine(canonical.coefficient)
        hasher.combine(canonical.storedExponent)
    }
}
