// Unit tests for DecimalNumber: parsing, printing, rounding, arithmetic, comparison, errors and kernel properties.

import Testing

@testable import CampaignRules

/// Parses a literal the test knows to be valid.
private func decimal(_ text: String) throws -> DecimalNumber {
    try #require(DecimalNumber.parse(text), "could not parse \(text)")
}

// MARK: - Parsing and printing

@Test(arguments: [
    // (input, scientific, plain)
    ("12.50", "12.50", "12.50"),
    ("-1e3", "-1E+3", "-1000"),
    ("1E-7", "1E-7", "0.0000001"),
    (".5", "0.5", "0.5"),
    ("5.", "5", "5"),
    ("+7", "7", "7"),
    ("00012", "12", "12"),
    ("0", "0", "0"),
    ("-0", "-0", "-0"),
    ("0E+2", "0E+2", "0"),
    ("-0.00", "-0.00", "-0.00"),
    (".000", "0.000", "0.000"),
    ("1.23E+3", "1.23E+3", "1230"),
    ("123.456e-2", "1.23456", "1.23456"),
    ("0.000001", "0.000001", "0.000001"),
    ("0.0000001", "1E-7", "0.0000001"),
    ("0.00000012", "1.2E-7", "0.00000012"),
    ("-0.50", "-0.50", "-0.50"),
    ("1230", "1230", "1230"),
    ("1E+1", "1E+1", "10"),
    ("12e-1", "1.2", "1.2"),
    ("0.00E-3", "0.00000", "0.00000"),
    ("0E-9", "0E-9", "0.000000000"),
    ("1e+0000020", "1E+20", "100000000000000000000"),
    ("9999999999999999999999999999.99", "9999999999999999999999999999.99", "9999999999999999999999999999.99"),
    (
        "99999999999999999999999999999999999999", "99999999999999999999999999999999999999",
        "99999999999999999999999999999999999999"
    ),
    ("0.0000000000000000000000000000000000000000001", "1E-43", "0.0000000000000000000000000000000000000000001"),
])
func parsesAndPrints(input: String, scientific: String, plain: String) throws {
    let value = try decimal(input)
    #expect(value.scientificDescription == scientific)
    #expect(value.plainDescription == plain)
    #expect(value.description == plain)
    // The scientific form reads back to the identical representation; the plain form to an
    // equal value (it cannot show a positive exponent, so 1E+1 comes back as 10).
    let reparsed = try decimal(scientific)
    #expect(reparsed.isNegative == value.isNegative)
    #expect(reparsed.coefficient == value.coefficient)
    #expect(reparsed.exponent == value.exponent)
    #expect(try decimal(plain) == value)
}

@Test(arguments: [
    "", "-", "+", ".", "-.", "1.2.3", "١٢", "１", "1e", "1e+", "1E-", "e5", ".e1", " 1", "1 ", "1,000", "1_000",
    "0x10", "NaN", "Infinity", "inf", "--1", "+-1", "1e1.5", "1e99999999999999999999", "1e-99999999999999999999",
    "1e999999999999999999", "123456789012345678901234567890123456789", "1E+6145", "12E+6144", "1E-6177",
    "1.5\u{0}", "½",
])
func rejectsMalformedOrOutOfRangeText(input: String) {
    #expect(DecimalNumber.parse(input) == nil)
}

@Test func acceptsTheEdgesOfTheRange() throws {
    #expect(try decimal("1E-6176").exponent == -6176)
    #expect(try decimal("9.99E+6144").adjustedExponent == 6144)
    #expect(try decimal("0.00000000000000000000000000000000000000000000000000000000001").coefficient == 1)
    // Leading zeros do not count toward the 38-digit limit; significant digits do.
    #expect(DecimalNumber.parse("0000000000" + String(repeating: "9", count: 38)) != nil)
    #expect(DecimalNumber.parse(String(repeating: "9", count: 39)) == nil)
}

@Test func parsesSubstringsWithoutCopying() throws {
    let line = "id,12.34,rest"
    let field = line.split(separator: ",")[1]
    #expect(DecimalNumber.parse(field)?.scientificDescription == "12.34")
}

// MARK: - Rounding

@Test(arguments: [
    // (value, places, mode, expected) — ties first, then either side of a tie, then signs.
    ("10.125", 2, "half_up", "10.13"), ("10.125", 2, "half_even", "10.12"), ("10.125", 2, "half_down", "10.12"),
    ("10.125", 2, "up", "10.13"), ("10.125", 2, "down", "10.12"), ("10.125", 2, "ceiling", "10.13"),
    ("10.125", 2, "floor", "10.12"), ("10.125", 2, "05up", "10.12"),
    ("-10.125", 2, "half_up", "-10.13"), ("-10.125", 2, "half_even", "-10.12"),
    ("-10.125", 2, "half_down", "-10.12"), ("-10.125", 2, "up", "-10.13"), ("-10.125", 2, "down", "-10.12"),
    ("-10.125", 2, "ceiling", "-10.12"), ("-10.125", 2, "floor", "-10.13"), ("-10.125", 2, "05up", "-10.12"),
    ("10.135", 2, "half_even", "10.14"), ("10.135", 2, "half_up", "10.14"), ("10.135", 2, "half_down", "10.13"),
    ("-10.135", 2, "half_even", "-10.14"),
    ("10.126", 2, "half_up", "10.13"), ("10.126", 2, "half_even", "10.13"), ("10.126", 2, "half_down", "10.13"),
    ("10.126", 2, "down", "10.12"), ("10.126", 2, "05up", "10.12"), ("10.126", 2, "floor", "10.12"),
    ("10.124", 2, "half_up", "10.12"), ("10.124", 2, "half_even", "10.12"), ("10.124", 2, "half_down", "10.12"),
    ("10.124", 2, "up", "10.13"), ("10.124", 2, "ceiling", "10.13"), ("10.124", 2, "floor", "10.12"),
    ("-10.124", 2, "ceiling", "-10.12"), ("-10.124", 2, "floor", "-10.13"), ("-10.124", 2, "up", "-10.13"),
    ("10.1250000001", 2, "half_even", "10.13"), ("10.1249999999", 2, "half_up", "10.12"),
    // 05up moves away from zero only when the kept last digit is 0 or 5.
    ("10.101", 2, "05up", "10.11"), ("10.151", 2, "05up", "10.16"), ("10.161", 2, "05up", "10.16"),
    ("-10.101", 2, "05up", "-10.11"), ("0.001", 2, "05up", "0.01"), ("10.15", 2, "05up", "10.15"),
    // Whole numbers, exact values, lengthening and negative places.
    ("2.5", 0, "half_even", "2"), ("3.5", 0, "half_even", "4"), ("-2.5", 0, "half_even", "-2"),
    ("-2.5", 0, "half_up", "-3"), ("-2.5", 0, "half_down", "-2"), ("0.5", 0, "half_down", "0"),
    ("-0.4", 0, "half_up", "-0"), ("10.12", 2, "up", "10.12"), ("5", 2, "half_up", "5.00"),
    ("1234", -2, "half_up", "1.2E+3"), ("1250", -2, "half_even", "1.2E+3"), ("1350", -2, "half_even", "1.4E+3"),
    ("999.995", 2, "half_up", "1000.00"), ("0.0049", 2, "half_up", "0.00"), ("0.005", 2, "half_up", "0.01"),
])
func roundsToPlaces(value: String, places: Int, mode: String, expected: String) throws {
    let rounding = try #require(DecimalNumber.RoundingMode(rawValue: mode))
    let result = try decimal(value).rounded(places: places, rounding: rounding)
    #expect(result.scientificDescription == expected)
}

@Test func roundingModesUseTheLanguageNames() {
    #expect(
        DecimalNumber.RoundingMode.allCases.map(\.rawValue) == [
            "half_up", "half_even", "half_down", "up", "down", "ceiling", "floor", "05up",
        ])
}

@Test func roundingReportsConditions() throws {
    var conditions = DecimalNumber.Conditions()
    _ = try decimal("10.125").rounded(places: 2, rounding: .halfUp, conditions: &conditions)
    #expect(conditions == [.inexact, .rounded])
    conditions = []
    _ = try decimal("10.120").rounded(places: 2, rounding: .halfUp, conditions: &conditions)
    #expect(conditions == .rounded)
    conditions = []
    _ = try decimal("10.1").rounded(places: 2, rounding: .halfUp, conditions: &conditions)
    #expect(conditions.isEmpty)
}

@Test func quantizeRejectsResultsTooLongOrOutOfRange() throws {
    #expect(throws: DecimalNumber.ArithmeticError.invalidOperation) {
        try decimal("1E+30").rounded(places: 2, rounding: .halfUp)
    }
    #expect(throws: DecimalNumber.ArithmeticError.invalidOperation) {
        try decimal("1").rounded(places: Int.min, rounding: .halfUp)
    }
    #expect(throws: DecimalNumber.ArithmeticError.invalidOperation) {
        try decimal("1").quantized(exponent: Int.max, rounding: .halfUp)
    }
    #expect(throws: DecimalNumber.ArithmeticError.invalidOperation) {
        try decimal("1").quantized(exponent: Int.min, rounding: .halfUp)
    }
    // 9.99 to one place at precision 2 would need three digits.
    let short = DecimalNumber.Context(precision: 2, rounding: .halfUp)
    #expect(throws: DecimalNumber.ArithmeticError.invalidOperation) {
        try decimal("9.99").quantized(exponent: -1, rounding: .halfUp, context: short)
    }
    #expect(try decimal("0.001").quantized(exponent: 5, rounding: .halfUp).scientificDescription == "0E+5")
}

// MARK: - Arithmetic in the language context

@Test(arguments: [
    // (left, operator, right, expected scientific string)
    ("0.1", "+", "0.2", "0.3"),
    ("1.10", "+", "2.205", "3.305"),
    ("10", "-", "10.00", "0.00"),
    ("1E+2", "+", "1", "101"),
    ("12.50", "*", "3", "37.50"),
    ("0.1", "*", "0.1", "0.01"),
    ("1", "/", "3", "0.3333333333333333333333333333"),
    ("2", "/", "3", "0.6666666666666666666666666667"),
    ("-2", "/", "3", "-0.6666666666666666666666666667"),
    ("1.00", "/", "4", "0.25"),
    ("1", "/", "4", "0.25"),
    ("1E+2", "/", "4", "25"),
    ("100", "/", "1E+2", "1.00"),
    ("12", "/", "0.5", "24"),
    ("1000", "/", "10", "100"),
    ("2.40", "/", "2", "1.20"),
    ("1", "/", "7", "0.1428571428571428571428571429"),
    ("9999999999999999999999999999", "+", "1", "1.000000000000000000000000000E+28"),
    ("1234567890123456789012345678.9", "+", "0", "1234567890123456789012345679"),
    ("0.3333333333333333333333333333", "*", "3", "0.9999999999999999999999999999"),
    ("1E+10", "-", "9999999999", "1"),
    ("1E-30", "+", "1", "1.000000000000000000000000000"),
    ("1E+100", "+", "1E-100", "1.000000000000000000000000000E+100"),
    ("1E+100", "-", "1E-100", "1.000000000000000000000000000E+100"),
    ("1", "-", "1E-40", "1.000000000000000000000000000"),
    ("-0", "+", "0", "0"),
    ("-0", "+", "-0", "-0"),
    ("0", "-", "0", "0"),
    ("-0", "-", "0", "-0"),
    ("2", "*", "-0", "-0"),
    ("-0.00", "/", "5", "-0.00"),
    ("5", "-", "5", "0"),
    ("0E+5", "+", "1E-3", "0.001"),
])
func computesInTheLanguageContext(left: String, operation: String, right: String, expected: String) throws {
    let (x, y) = (try decimal(left), try decimal(right))
    let result: DecimalNumber
    switch operation {
    case "+": result = try x.adding(y)
    case "-": result = try x.subtracting(y)
    case "*": result = try x.multiplied(by: y)
    default: result = try x.divided(by: y)
    }
    #expect(result.scientificDescription == expected)
}

@Test func pointOnePlusPointTwoIsPointThree() throws {
    #expect(try decimal("0.1").adding(decimal("0.2")) == decimal("0.3"))
}

@Test func exactZeroFromOppositeSignsIsNegativeOnlyUnderFloor() throws {
    let floor = DecimalNumber.Context(precision: 28, rounding: .floor)
    #expect(try decimal("1").subtracting(decimal("1"), context: floor).scientificDescription == "-0")
    #expect(try decimal("1").subtracting(decimal("1")).scientificDescription == "0")
}

@Test func arithmeticReportsConditions() throws {
    var conditions = DecimalNumber.Conditions()
    _ = try decimal("1").divided(by: decimal("3"), conditions: &conditions)
    #expect(conditions == [.inexact, .rounded])

    conditions = []
    _ = try decimal("1").divided(by: decimal("4"), conditions: &conditions)
    #expect(conditions.isEmpty)

    // Exact, yet one more digit than precision 9 allows: rounded but not inexact.
    let nine = DecimalNumber.Context(precision: 9, rounding: .halfUp)
    conditions = []
    let product = try decimal("123456789").multiplied(by: decimal("10"), context: nine, conditions: &conditions)
    #expect(product.scientificDescription == "1.23456789E+9")
    #expect(conditions == .rounded)
}

@Test func operandsLongerThanPrecisionAreNotRoundedFirst() throws {
    // 28 nines plus 0.5 rounds once (half-even on the exact sum), not after rounding 0.5 away.
    let nines = try decimal("9999999999999999999999999999")
    #expect(try nines.adding(decimal("0.5")).scientificDescription == "1.000000000000000000000000000E+28")
    // Two 38-digit operands overflow UInt128 when multiplied; the wide path finishes the job.
    let big = try decimal(String(repeating: "9", count: 38))
    #expect(try big.multiplied(by: big).scientificDescription == "1.000000000000000000000000000E+76")
    #expect(try big.divided(by: decimal("7")).scientificDescription == "1.428571428571428571428571429E+37")
}

// MARK: - Errors are thrown, never trapped

@Test func overflowThrows() throws {
    let huge = try decimal("9E+6144")
    #expect(throws: DecimalNumber.ArithmeticError.overflow) { try huge.multiplied(by: decimal("10")) }
    #expect(throws: DecimalNumber.ArithmeticError.overflow) { try huge.multiplied(by: huge) }
    #expect(throws: DecimalNumber.ArithmeticError.overflow) { try huge.adding(huge) }
    #expect(throws: DecimalNumber.ArithmeticError.overflow) { try huge.divided(by: decimal("0.1")) }
    #expect(throws: DecimalNumber.ArithmeticError.overflow) {
        try decimal("9999999999999999999999999999E+6117").adding(decimal("1E+6117"))
    }
    // A custom context's Emax is honoured too.
    let small = DecimalNumber.Context(precision: 9, rounding: .halfUp, maxExponent: 99, minExponent: -99)
    #expect(throws: DecimalNumber.ArithmeticError.overflow) {
        try decimal("1E+99").multiplied(by: decimal("10"), context: small)
    }
    // The maximum coefficient still multiplies and divides without trapping.
    let maximum = DecimalNumber(isNegative: false, coefficient: PowersOfTen.uint128[38] - 1, exponent: 0)
    #expect(try maximum.multiplied(by: maximum).adjustedExponent == 76)
}

@Test func divisionByZeroThrows() throws {
    #expect(throws: DecimalNumber.ArithmeticError.divisionByZero) { try decimal("1").divided(by: .zero) }
    #expect(throws: DecimalNumber.ArithmeticError.divisionByZero) { try decimal("-5").divided(by: decimal("-0.00")) }
    #expect(throws: DecimalNumber.ArithmeticError.invalidOperation) { try DecimalNumber.zero.divided(by: .zero) }
}

@Test func subnormalResultsRoundAtTheTinyExponent() throws {
    let context = DecimalNumber.Context(precision: 9, rounding: .halfUp, maxExponent: 99, minExponent: -99)
    var conditions = DecimalNumber.Conditions()
    let tiny = try decimal("1E-99").divided(by: decimal("10"), context: context, conditions: &conditions)
    #expect(tiny.scientificDescription == "1E-100")
    #expect(conditions == .subnormal)
}

// MARK: - Equality, hashing, comparison

@Test(arguments: [
    ("1.0", "1.00"), ("0", "-0"), ("0", "0E+5"), ("-0.000", "0E-3"), ("1E+2", "100"), ("12.50", "12.5"),
    ("1E+10", "10000000000"), ("-7.70", "-7.7"),
])
func equalValuesAreEqualAndHashAlike(left: String, right: String) throws {
    let (x, y) = (try decimal(left), try decimal(right))
    #expect(x == y)
    #expect(x.compare(y) == 0)
    #expect(x.hashValue == y.hashValue)
    #expect(Set([x, y]).count == 1)
}

@Test(arguments: [
    // (smaller, larger)
    ("9999999999", "1E+10"), ("-1", "0"), ("-0.5", "-0.25"), ("0.001", "0.01"), ("-1E+10", "-9999999999"),
    ("0", "1E-6176"), ("-1E-6176", "-0"), ("1.99", "2"), ("123.4", "1.235E+2"), ("-5", "3"),
    ("99999999999999999999999999999999999999", "1E+38"),
])
func orderIsNumeric(smaller: String, larger: String) throws {
    let (x, y) = (try decimal(smaller), try decimal(larger))
    #expect(x < y)
    #expect(!(y < x))
    #expect(x.compare(y) == -1)
    #expect(y.compare(x) == 1)
    #expect(x != y)
}

@Test func sortsMixedExponents() throws {
    let values = try ["1E+1", "-2", "0.5", "9", "-0", "1.5E-3", "-1E+2"].map(decimal)
    #expect(values.sorted().map(\.scientificDescription) == ["-1E+2", "-2", "-0", "0.0015", "0.5", "9", "1E+1"])
}

// MARK: - Sign, zero, integers, normalization

@Test func negativeZeroKeepsItsSign() throws {
    let negativeZero = try decimal("-0")
    #expect(negativeZero.isNegative)
    #expect(negativeZero.isZero)
    #expect(negativeZero.signum() == 0)
    #expect(negativeZero == .zero)
    #expect(DecimalNumber.zero.negated().scientificDescription == "-0")
    #expect(negativeZero.magnitude.scientificDescription == "0")
    #expect(try decimal("-2.50").magnitude.scientificDescription == "2.50")
    #expect(try decimal("-2.50").signum() == -1)
    #expect(try decimal("0.01").signum() == 1)
}

@Test(arguments: [
    ("12", 12), ("12.00", 12), ("-12.000", -12), ("1E+3", 1000), ("0E+99", 0), ("-0.000", 0),
    ("-9223372036854775808", Int.min), ("9223372036854775807", Int.max), ("92233720368547758.07E+2", Int.max),
])
func integerValueOfWholeNumbers(text: String, expected: Int) throws {
    #expect(try decimal(text).integerValue == expected)
}

@Test(arguments: ["1.5", "0.001", "9223372036854775808", "-9223372036854775809", "1E+19", "1E+100", "1E-100"])
func integerValueIsNilOtherwise(text: String) throws {
    #expect(try decimal(text).integerValue == nil)
}

@Test func initFromIntIsExact() {
    #expect(DecimalNumber(Int.min).plainDescription == "-9223372036854775808")
    #expect(DecimalNumber(Int.max).plainDescription == "9223372036854775807")
    #expect(DecimalNumber(-42).exponent == 0)
    #expect(DecimalNumber.one.scientificDescription == "1")
    #expect(DecimalNumber.zero.scientificDescription == "0")
    let built = DecimalNumber(isNegative: true, coefficient: 1250, exponent: -2)
    #expect(built.scientificDescription == "-12.50")
}

@Test(arguments: [("1.2300", "1.23"), ("100", "1E+2"), ("-0.00", "-0"), ("0E+7", "0"), ("5", "5"), ("120E-1", "12")])
func normalizationStripsTrailingZeros(text: String, expected: String) throws {
    #expect(try decimal(text).normalized.scientificDescription == expected)
}

@Test func languageContextMatchesTheDesign() {
    let language = DecimalNumber.Context.language
    #expect(language.precision == 28)
    #expect(language.rounding == .halfEven)
    #expect(language.maxExponent == 6144)
    #expect(language.minExponent == -6143)
}

/// Eight-byte alignment keeps a `Value` holding money at 24 bytes: a 16-byte aligned
/// coefficient would make every value, and every loaded record's fields, twice that.
@Test func theStructStaysSmall() {
    #expect(MemoryLayout<DecimalNumber>.size <= 24 && MemoryLayout<DecimalNumber>.alignment == 8)
    #expect(MemoryLayout<Value>.stride == 24, "Value stride \(MemoryLayout<Value>.stride)")
}

// MARK: - Coefficient arithmetic

@Test func digitCountsAreExactAroundEveryPowerOfTen() {
    for (power, value) in PowersOfTen.uint128.enumerated() {
        #expect(value.decimalDigitCount == power + 1)
        if power > 0 { #expect((value - 1).decimalDigitCount == power) }
        #expect((value + 1).decimalDigitCount == power + 1)
        #expect(WideInteger(compact: value).decimalDigitCount == power + 1)
        if power > 0 { #expect(WideInteger(compact: value - 1).decimalDigitCount == power) }
    }
    #expect(UInt128.max.decimalDigitCount == 39)
    #expect(UInt128(0).decimalDigitCount == 1)
    #expect(WideInteger.zero.decimalDigitCount == 1)
    #expect(WideInteger(compact: 1).multipliedByPowerOfTen(100)?.decimalDigitCount == 101)
}

@Test(arguments: [
    // (coefficient, digits dropped, kept, what was discarded)
    (UInt128(12345), 2, UInt128(123), DiscardedDigits.belowHalf), (12350, 2, 123, .half), (12351, 2, 123, .aboveHalf),
    (12300, 2, 123, .zero), (12345, 5, 0, .belowHalf), (52345, 5, 0, .aboveHalf), (50000, 5, 0, .half),
    (12345, 6, 0, .belowHalf), (12345, 60, 0, .belowHalf), (0, 3, 0, .zero), (12345, 0, 12345, .zero),
])
func droppingDigitsClassifiesTheRemainder(value: UInt128, count: Int, kept: UInt128, discarded: DiscardedDigits) {
    #expect(value.droppingLowDigits(count) == (kept, discarded))
    let (wideKept, wideDiscarded) = WideInteger(compact: value).droppingLowDigits(count)
    #expect(wideKept.compactValue == kept)
    #expect(wideDiscarded == discarded)
}

// MARK: - Properties over seeded random values

extension SplitMix64 {
    /// A decimal with up to nine digits and an exponent in −6...3: small enough that sums,
    /// differences and products are exact at 28 digits.
    mutating func smallDecimal() -> DecimalNumber {
        DecimalNumber(
            isNegative: Bool.random(using: &self),
            coefficient: UInt128(UInt64.random(in: 0..<1_000_000_000, using: &self)),
            exponent: Int.random(in: -6...3, using: &self))
    }

    /// A coefficient of a random length up to 38 digits, so both kernel specializations get exercised.
    mutating func coefficient() -> UInt128 {
        let digitCount = Int.random(in: 1...38, using: &self)
        return UInt128.random(in: 0..<PowersOfTen.uint128[digitCount], using: &self)
    }
}

@Test func additionAndSubtractionInvert() throws {
    var random = SplitMix64(state: 1)
    for _ in 0..<3000 {
        let (a, b) = (random.smallDecimal(), random.smallDecimal())
        #expect(try a.adding(b).subtracting(b) == a)
    }
}

@Test func exactProductsDivideBack() throws {
    var random = SplitMix64(state: 2)
    for _ in 0..<3000 {
        let (a, b) = (random.smallDecimal(), random.smallDecimal())
        guard !b.isZero else { continue }
        var conditions = DecimalNumber.Conditions()
        let product = try a.multiplied(by: b, conditions: &conditions)
        #expect(conditions.isEmpty)
        #expect(try product.divided(by: b) == a)
    }
}

@Test func compareAgreesWithTheSignOfTheDifference() throws {
    var random = SplitMix64(state: 3)
    for _ in 0..<3000 {
        let (a, b) = (random.smallDecimal(), random.smallDecimal())
        #expect(a.compare(b) == (try a.subtracting(b)).signum())
        if a == b { #expect(a.hashValue == b.hashValue) }
    }
}

/// What one kernel call produced: the printed result and conditions, or the error.
private typealias KernelOutcome = String

/// Runs a kernel call; nil means it reported that its coefficients did not fit.
private func capture(_ operation: (inout DecimalNumber.Conditions) throws -> DecimalNumber?) -> KernelOutcome? {
    var conditions = DecimalNumber.Conditions()
    do {
        guard let result = try operation(&conditions) else { return nil }
        return "\(result.scientificDescription) \(conditions.rawValue)"
    } catch {
        return "error \(error)"
    }
}

/// The kernel specialized for UInt128 must agree with the one specialized for WideInteger
/// whenever it finishes: same representation, same conditions, same error.
@Test func compactAndWideSpecializationsAgree() throws {
    var random = SplitMix64(state: 4)
    var compactFinished = 0
    for _ in 0..<4000 {
        let a = ExactDecimal(
            isNegative: Bool.random(using: &random), coefficient: random.coefficient(),
            exponent: Int.random(in: -40...40, using: &random))
        let b = ExactDecimal(
            isNegative: Bool.random(using: &random), coefficient: random.coefficient(),
            exponent: Int.random(in: -40...40, using: &random))
        let (wideA, wideB) = (widened(a), widened(b))
        let rounding = DecimalNumber.RoundingMode.allCases.randomElement(using: &random) ?? .halfUp
        let context = DecimalNumber.Context(precision: Int.random(in: 1...34, using: &random), rounding: rounding)
        let target = a.exponent + Int.random(in: -5...40, using: &random)
        let pairs: [(compact: KernelOutcome?, wide: KernelOutcome?)] = [
            (
                capture { try DecimalKernel.sum(a, b, context: context, conditions: &$0) },
                capture { try DecimalKernel.sum(wideA, wideB, context: context, conditions: &$0) }
            ),
            (
                capture { try DecimalKernel.product(a, b, context: context, conditions: &$0) },
                capture { try DecimalKernel.product(wideA, wideB, context: context, conditions: &$0) }
            ),
            (
                capture { try DecimalKernel.quotient(a, b, context: context, conditions: &$0) },
                capture { try DecimalKernel.quotient(wideA, wideB, context: context, conditions: &$0) }
            ),
            (
                capture {
                    try DecimalKernel.quantized(
                        a, exponent: target, rounding: rounding, context: context, conditions: &$0)
                },
                capture {
                    try DecimalKernel.quantized(
                        wideA, exponent: target, rounding: rounding, context: context, conditions: &$0)
                }
            ),
        ]
        for (compact, wide) in pairs {
            let wideOutcome = try #require(wide, "the wide kernel always finishes")
            guard let compact else { continue }
            compactFinished += 1
            #expect(compact == wideOutcome)
        }
    }
    #expect(compactFinished > 8000)
}

private func widened(_ value: ExactDecimal<UInt128>) -> WideDecimal {
    WideDecimal(
        isNegative: value.isNegative, coefficient: WideInteger(compact: value.coefficient), exponent: value.exponent)
}

@Test func wideDivisionSatisfiesTheDivisionIdentity() throws {
    var random = SplitMix64(state: 5)
    for _ in 0..<500 {
        let dividend = try #require(
            WideInteger(compact: random.coefficient()).multiplied(by: WideInteger(compact: random.coefficient())))
        let scaledDivisor = WideInteger(compact: random.coefficient() | 1)
            .multipliedByPowerOfTen(Int.random(in: 0...20, using: &random))
        let divisor = try #require(scaledDivisor)
        let (quotient, remainder) = dividend.dividedWithRemainder(by: divisor)
        #expect(remainder < divisor)
        #expect(quotient.multiplied(by: divisor)?.adding(remainder) == dividend)
    }
}

/// A shortcut may only answer when the kernel would give the same result; sums and products
/// only when it raises nothing, quotients with the conditions it raises.
@Test func fastPathsAgreeWithTheKernel() throws {
    var random = SplitMix64(state: 6)
    var shortcutsTaken = 0, quotientsTaken = 0
    for _ in 0..<20_000 {
        // Mostly short coefficients and nearby exponents, so many cases qualify and some just miss.
        let a = DecimalNumber(
            isNegative: Bool.random(using: &random),
            coefficient: random.coefficient() % PowersOfTen.uint128[Int.random(in: 1...20, using: &random)],
            exponent: Int.random(in: -25...25, using: &random))
        let b = DecimalNumber(
            isNegative: Bool.random(using: &random),
            coefficient: random.coefficient() % PowersOfTen.uint128[Int.random(in: 1...20, using: &random)],
            exponent: Int.random(in: -25...25, using: &random))
        let rounding = DecimalNumber.RoundingMode.allCases.randomElement(using: &random) ?? .halfUp
        let context = DecimalNumber.Context(
            precision: Int.random(in: 1...34, using: &random), rounding: rounding,
            maxExponent: Int.random(in: 20...90, using: &random), minExponent: -Int.random(in: 20...90, using: &random))
        let (left, right) = (ExactDecimal(compact: a), ExactDecimal(compact: b))
        let cases: [(DecimalNumber?, KernelOutcome?)] = [
            (
                DecimalFastPath.sum(a, b, context: context),
                capture { try DecimalKernel.sum(left, right, context: context, conditions: &$0) }
            ),
            (
                DecimalFastPath.product(a, b, context: context),
                capture { try DecimalKernel.product(left, right, context: context, conditions: &$0) }
            ),
        ]
        for (shortcut, kernel) in cases {
            guard let shortcut else { continue }
            shortcutsTaken += 1
            #expect("\(shortcut.scientificDescription) 0" == kernel)
        }
        if let (quotient, conditions) = DecimalFastPath.quotient(a, b, context: context) {
            quotientsTaken += 1
            let kernel = capture { try DecimalKernel.quotient(left, right, context: context, conditions: &$0) }
            #expect("\(quotient.scientificDescription) \(conditions.rawValue)" == kernel, "\(a) / \(b) at \(context.precision) digits")
        }
    }
    #expect(shortcutsTaken > 1000)
    #expect(quotientsTaken > 1000)
}

/// The rounding and ordering shortcuts give the kernel's quantize and the general comparison.
@Test func roundingAndOrderShortcutsAgree() throws {
    var random = SplitMix64(state: 8)
    var roundings = 0, orders = 0
    func operand() -> DecimalNumber {
        DecimalNumber(
            isNegative: Bool.random(using: &random),
            coefficient: random.coefficient() % PowersOfTen.uint128[Int.random(in: 1...21, using: &random)],
            exponent: Int.random(in: -25...25, using: &random))
    }
    for _ in 0..<20_000 {
        let a = operand(), b = operand()
        let target = Int.random(in: -25...25, using: &random)
        let rounding = DecimalNumber.RoundingMode.allCases.randomElement(using: &random) ?? .halfUp
        let context = DecimalNumber.Context(
            precision: Int.random(in: 1...34, using: &random), rounding: .halfEven,
            maxExponent: Int.random(in: 20...90, using: &random), minExponent: -Int.random(in: 20...90, using: &random))
        if let quick = DecimalFastPath.quantized(a, exponent: target, rounding: rounding, context: context) {
            roundings += 1
            let kernel = capture {
                try DecimalKernel.quantized(ExactDecimal(compact: a), exponent: target, rounding: rounding, context: context, conditions: &$0)
            }
            #expect(kernel?.split(separator: " ").first.map(String.init) == quick.scientificDescription, "\(a) to exponent \(target), \(rounding)")
        }
        if let order = DecimalFastPath.order(a, b) {
            orders += 1
            #expect(order == a.compareSlowly(b), "\(a) against \(b)")
        }
        #expect(a.compare(b) == a.compareSlowly(b))
    }
    #expect(roundings > 2000)
    #expect(orders > 2000)
}

/// `a / b` compared with `c` without the division says what comparing the quotient says,
/// most of all where the quotient rounds to `c` or lands next to it.
@Test func quotientComparisonsAgreeWithDividing() throws {
    var random = SplitMix64(state: 9)
    var decided = 0, undecided = 0
    func small(_ digits: ClosedRange<Int>) -> UInt128 {
        UInt128.random(in: 1..<PowersOfTen.uint128[Int.random(in: digits, using: &random)], using: &random)
    }
    for index in 0..<20_000 {
        let a = DecimalNumber(
            isNegative: Bool.random(using: &random), coefficient: index % 50 == 0 ? 0 : small(1...12),
            exponent: Int.random(in: -6...6, using: &random))
        let b = DecimalNumber(
            isNegative: Bool.random(using: &random), coefficient: index % 97 == 0 ? 0 : small(1...12),
            exponent: Int.random(in: -6...6, using: &random))
        guard let quotient = try? a.divided(by: b) else {
            #expect(b.isZero && DecimalNumber.compareQuotient(a, b, .one) == nil)
            continue
        }
        // Thresholds: the quotient itself, its neighbours one unit in the 28th and 20th digits
        // away (each way), a rounded version of it, and unrelated values.
        let unit = DecimalNumber(isNegative: false, coefficient: 1, exponent: quotient.exponent)
        var thresholds = [
            quotient, (try? quotient.adding(unit)) ?? quotient, (try? quotient.subtracting(unit)) ?? quotient,
            (try? quotient.rounded(places: Int.random(in: 0...8, using: &random), rounding: .halfEven)) ?? quotient,
            DecimalNumber(isNegative: Bool.random(using: &random), coefficient: small(1...6), exponent: Int.random(in: -8...2, using: &random)),
            .zero,
        ]
        if let shortened = try? quotient.quantized(exponent: quotient.exponent + 8, rounding: .down) {
            thresholds += [
                shortened, (try? shortened.adding(DecimalNumber(isNegative: false, coefficient: 1, exponent: shortened.exponent))) ?? shortened,
            ]
        }
        for threshold in thresholds where threshold.coefficient.uint64Value != nil {
            guard let order = DecimalNumber.compareQuotient(a, b, threshold) else {
                undecided += 1
                continue
            }
            decided += 1
            #expect(order == quotient.compare(threshold), "\(a) / \(b) = \(quotient) against \(threshold)")
        }
    }
    #expect(decided > 50_000)
    // With 64-bit operands the exact quotient lies within 10⁻²⁷ of a threshold only when the
    // threshold's digits are built for it: here a / b = c × (1 − 8.1 × 10⁻²⁸).
    let a = DecimalNumber(1_234_567_891_836_944_698), b = DecimalNumber(1_234_567_891)
    let c = DecimalNumber(isNegative: false, coefficient: 1_000_000_000_677_925_211, exponent: -9)
    #expect(DecimalNumber.compareQuotient(a, b, c) == nil)
    #expect(try a.divided(by: b).compare(c) == -1)
    #expect(undecided < decided)
}

/// Any text at all parses to nil or to a value whose scientific form reads back identically.
@Test func parsingArbitraryTextNeverTraps() throws {
    var random = SplitMix64(state: 7)
    let alphabet: [Character] = Array("0123456789..eE+-  x١9") + ["0", "0", "1"]
    var parsedCount = 0
    for _ in 0..<20_000 {
        let length = Int.random(in: 0...45, using: &random)
        let text = String((0..<length).map { _ in alphabet.randomElement(using: &random) ?? "0" })
        guard let value = DecimalNumber.parse(text) else { continue }
        parsedCount += 1
        let reparsed = try #require(DecimalNumber.parse(value.scientificDescription))
        #expect(reparsed.scientificDescription == value.scientificDescription)
        // The plain form spells out positive exponents, which may exceed 38 digits.
        if value.exponent <= 0 || value.adjustedExponent < 38 {
            #expect(try decimal(value.plainDescription) == value)
        }
    }
    #expect(parsedCount > 100)
}
