// DecimalNumber, the language's exact decimal value: a sign, an integer coefficient and a power of ten.

/// An exact decimal number, `(-1)^sign × coefficient × 10^exponent`, as in General Decimal Arithmetic.
///
/// Money must never pass through binary floating point, so every value is an integer
/// coefficient scaled by a power of ten, and arithmetic follows GDA (speleotrove.com/decimal):
/// each operation computes its exact result and rounds it once, to a `Context`'s precision.
/// The representation is kept, not normalized: `1.50` and `1.5` are distinct representations
/// (they print differently) but compare and hash as equal, and negative zero keeps its sign.
///
/// The coefficient is a `UInt128` so that the language's 28-digit values, and the exact
/// product of two 19-digit values, fit without allocating. It is stored as two 64-bit halves:
/// a `UInt128` field would make the struct 16-byte aligned, and every `Value` holding one 48
/// bytes instead of 24, which doubles the memory a million loaded records take.
public struct DecimalNumber: Sendable {
    /// The coefficient's low and high 64 bits; the fast paths test `coefficientHigh == 0`.
    let coefficientLow: UInt64
    let coefficientHigh: UInt64
    /// Stored as Int32 to keep the struct small; every exponent GDA allows fits.
    let storedExponent: Int32
    /// The sign; negative zero exists and keeps its sign, as in GDA.
    public let isNegative: Bool

    /// The coefficient, always below 10^38; arithmetic results have at most the context's precision.
    @inline(__always)
    public var coefficient: UInt128 { UInt128(coefficientHigh) << 64 | UInt128(coefficientLow) }

    /// The power of ten the coefficient is scaled by.
    public var exponent: Int { Int(storedExponent) }

    /// Creates `(-1)^isNegative × coefficient × 10^exponent` exactly.
    ///
    /// The coefficient must be below 10^38 and the exponent must fit in 32 bits: values
    /// outside that cannot be represented, and passing one is a programming error.
    public init(isNegative: Bool, coefficient: UInt128, exponent: Int) {
        precondition(coefficient < PowersOfTen.uint128[38], "a DecimalNumber coefficient must be below 10^38")
        guard let storedExponent = Int32(exactly: exponent) else {
            preconditionFailure("a DecimalNumber exponent must fit in 32 bits")
        }
        self.init(isNegative: isNegative, coefficient: coefficient, storedExponent: storedExponent)
    }

    /// Creates a value whose invariants the caller has already established.
    init(isNegative: Bool, coefficient: UInt128, storedExponent: Int32) {
        self.coefficientLow = UInt64(truncatingIfNeeded: coefficient)
        self.coefficientHigh = UInt64(truncatingIfNeeded: coefficient >> 64)
        self.storedExponent = storedExponent
        self.isNegative = isNegative
    }

    /// Creates a value with a coefficient below 2^64, whose invariants the caller has established.
    @inline(__always)
    init(isNegative: Bool, smallCoefficient: UInt64, storedExponent: Int32) {
        self.coefficientLow = smallCoefficient
        self.coefficientHigh = 0
        self.storedExponent = storedExponent
        self.isNegative = isNegative
    }

    /// Creates the integer `value` exactly, with exponent zero.
    public init(_ value: Int) {
        self.init(isNegative: value < 0, coefficient: UInt128(value.magnitude), storedExponent: 0)
    }

    /// Zero with exponent zero.
    public static let zero = DecimalNumber(0)
    /// One with exponent zero.
    public static let one = DecimalNumber(1)

    /// Whether the value is zero, of either sign and any exponent.
    public var isZero: Bool { coefficient == 0 }

    /// The exponent of the most significant digit, which orders magnitudes and bounds the range.
    public var adjustedExponent: Int { exponent + coefficient.decimalDigitCount - 1 }

    /// The same value with the opposite sign; zero becomes negative zero and back.
    public func negated() -> DecimalNumber {
        DecimalNumber(isNegative: !isNegative, coefficient: coefficient, storedExponent: storedExponent)
    }

    /// The absolute value, keeping the exponent.
    public var magnitude: DecimalNumber {
        DecimalNumber(isNegative: false, coefficient: coefficient, storedExponent: storedExponent)
    }

    /// −1, 0 or 1 by the sign of the value; zero of either sign gives 0.
    public func signum() -> Int {
        isZero ? 0 : (isNegative ? -1 : 1)
    }

    /// Whether the value is a whole number, however large (`12.00` and `1e30` are).
    public var isInteger: Bool {
        if isZero || exponent >= 0 { return true }
        return coefficient.droppingLowDigits(-exponent).1 == .zero
    }

    /// The value as an `Int` when it is a whole number that fits, whatever its exponent (`12.00` gives 12).
    public var integerValue: Int? {
        if isZero { return 0 }
        let magnitude: UInt128
        if exponent >= 0 {
            guard let scaled = coefficient.multipliedByPowerOfTen(exponent) else { return nil }
            magnitude = scaled
        } else {
            let (kept, discarded) = coefficient.droppingLowDigits(-exponent)
            guard discarded == .zero else { return nil }
            magnitude = kept
        }
        if isNegative {
            // Int.min's magnitude is one more than Int.max, so it needs its own case.
            if magnitude == UInt128(Int.max) + 1 { return Int.min }
            return Int(exactly: magnitude).map { -$0 }
        }
        return Int(exactly: magnitude)
    }

    /// The same value with trailing zeros removed from the coefficient (GDA `reduce`); zero becomes `0` or `-0`.
    ///
    /// Equal values have one normalized form, which is why hashing uses it.
    public var normalized: DecimalNumber {
        if isZero { return DecimalNumber(isNegative: isNegative, coefficient: 0, storedExponent: 0) }
        // Each removed zero raises the exponent by one; stop where Int32 would overflow.
        let room = Int(Int32.max) - exponent
        let (stripped, removedCount) = coefficient.removingTrailingZeros(upTo: room)
        return DecimalNumber(
            isNegative: isNegative, coefficient: stripped, storedExponent: storedExponent + Int32(removedCount))
    }
}
