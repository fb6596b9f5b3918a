// The settings and outcomes of decimal operations: context, rounding modes, conditions and errors.

extension DecimalNumber {
    /// The precision, rounding and exponent range an operation rounds its exact result into.
    ///
    /// These are GDA's context settings. The language uses `.language`; other contexts exist
    /// for explicit rounding and for checking the kernel against the GDA test suite.
    public struct Context: Sendable, Hashable {
        /// Significant digits kept in a result, 1...34.
        public let precision: Int
        /// How an inexact result is rounded to `precision` digits.
        public let rounding: RoundingMode
        /// GDA's Emax: the largest adjusted exponent a result may have before it is an overflow.
        public let maxExponent: Int
        /// GDA's Emin: results with a smaller adjusted exponent are subnormal.
        public let minExponent: Int

        /// Creates a context; the defaults for the exponent range are those of IEEE 754 decimal128.
        ///
        /// Precision must be in 1...34 and the exponent limits within GDA's ±999,999,999;
        /// anything else is a programming error.
        public init(precision: Int, rounding: RoundingMode, maxExponent: Int = 6144, minExponent: Int = -6143) {
            precondition((1...34).contains(precision), "precision must be in 1...34")
            precondition((0...999_999_999).contains(maxExponent), "maxExponent must be in 0...999999999")
            precondition((-999_999_999...0).contains(minExponent), "minExponent must be in -999999999...0")
            self.precision = precision
            self.rounding = rounding
            self.maxExponent = maxExponent
            self.minExponent = minExponent
        }

        /// The language's arithmetic: 28 significant digits, ties to even (Python's `decimal` defaults).
        ///
        /// Computed rather than stored so that, as a default argument, its fields are constants
        /// the optimizer can fold into the fast paths instead of loads from a lazy global.
        public static var language: Context { Context(precision: 28, rounding: .halfEven) }

        /// GDA's Etiny, the smallest exponent a subnormal result may have.
        var tinyExponent: Int { minExponent - (precision - 1) }
    }

    /// How a result that has more digits than the precision is shortened.
    ///
    /// The raw values are the names the language and the GDA test files use.
    public enum RoundingMode: String, Sendable, CaseIterable {
        /// Ties away from zero, as spreadsheets round.
        case halfUp = "half_up"
        /// Ties to an even last digit (banker's rounding), which does not drift in sums.
        case halfEven = "half_even"
        /// Ties toward zero.
        case halfDown = "half_down"
        /// Away from zero whenever anything nonzero is discarded.
        case up
        /// Toward zero: truncation.
        case down
        /// Toward positive infinity.
        case ceiling
        /// Toward negative infinity.
        case floor
        /// Toward zero, unless that leaves a last digit of 0 or 5, then away from zero (GDA `05up`).
        case zeroFiveUp = "05up"
    }

    /// The GDA conditions an operation can raise without failing.
    public struct Conditions: OptionSet, Sendable, Hashable {
        /// One bit per condition.
        public let rawValue: UInt8

        /// Creates a set of conditions from their bits.
        public init(rawValue: UInt8) {
            self.rawValue = rawValue
        }

        /// The result differs from the exact mathematical result.
        public static let inexact = Conditions(rawValue: 1 << 0)
        /// Digits were discarded, possibly all zeros (so a result can be rounded yet exact).
        public static let rounded = Conditions(rawValue: 1 << 1)
        /// The result's adjusted exponent is below the context's minimum exponent.
        public static let subnormal = Conditions(rawValue: 1 << 2)
        /// The result is subnormal and inexact.
        public static let underflow = Conditions(rawValue: 1 << 3)
        /// A zero result's exponent was moved into the context's range.
        public static let clamped = Conditions(rawValue: 1 << 4)
    }

    /// Why an operation has no decimal result; GDA would return an infinity or a NaN instead.
    public enum ArithmeticError: Error, Equatable, Sendable {
        /// The result's adjusted exponent exceeds the context's maximum exponent.
        case overflow
        /// A nonzero value divided by zero.
        case divisionByZero
        /// An operation with no meaningful result: `0 / 0`, or a quantize whose result needs
        /// more digits than the precision or an exponent outside the context's range.
        case invalidOperation
    }
}
