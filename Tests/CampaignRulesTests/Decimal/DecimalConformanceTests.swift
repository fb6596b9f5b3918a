// The GDA conformance gate: every in-scope decTest case, run through the decimal kernel with its own context.

import Foundation
import Testing

@testable import CampaignRules

/// One decTest case, as extracted to JSON lines in `shared/conformance/dectest/cases.jsonl`.
private struct ConformanceCase: Decodable {
    let id: String
    let op: String
    let a: String
    let b: String?
    let expected: String
    let precision: Int
    let rounding: String
    let conditions: [String]
    let maxExponent: Int
    let minExponent: Int
    let expectedFinite: Bool

    enum CodingKeys: String, CodingKey {
        case id, op, a, b, expected, precision, rounding, conditions, maxExponent, minExponent
        case expectedFinite = "expected_finite"
    }

    /// The subset the decimal core must pass (see SOURCE.md beside cases.jsonl): a finite
    /// expected result, conditions only among inexact and rounded, precision at most 34, and
    /// every operand and the expected result with an adjusted exponent within ±6144.
    /// `Fixtures/dectest-in-scope.jsonl` holds exactly these lines, filtered once by this rule.
    var isInScope: Bool {
        guard expectedFinite, precision <= 34,
            Set(conditions).isSubset(of: ["inexact", "rounded"])
        else { return false }
        return [a, b, expected].compactMap { $0 }.allSatisfy { text in
            guard let value = WideDecimal.parse(Substring(text)) else { return false }
            return abs(value.adjustedExponent) <= 6144
        }
    }
}

/// Where the cases are: the shared extraction when the package sits beside it, else the vendored copy.
private enum ConformanceData {
    /// `Tests/<target>/Decimal/` → `Tests/<target>/`.
    static let testTargetDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent()
    static let packageRoot = testTargetDirectory.deletingLastPathComponent().deletingLastPathComponent()
    static let sharedCases = packageRoot.appendingPathComponent("../shared/conformance/dectest/cases.jsonl")
        .standardizedFileURL
    static let vendoredCases = testTargetDirectory.appendingPathComponent("Fixtures/dectest-in-scope.jsonl")

    static func loadInScopeCases() throws -> [ConformanceCase] {
        let source = FileManager.default.fileExists(atPath: sharedCases.path) ? sharedCases : vendoredCases
        let text = try String(contentsOf: source, encoding: .utf8)
        let decoder = JSONDecoder()
        return try text.split(separator: "\n").map { line in
            try decoder.decode(ConformanceCase.self, from: Data(line.utf8))
        }.filter(\.isInScope)
    }
}

/// What running a case produced, in the terms the case states its expectation.
private struct Outcome: Equatable {
    let result: String
    let conditions: Set<String>
}

/// Runs a case through the wide entry points, which take operands of any length, or, with
/// `compact`, through DecimalNumber's public API (nil when an operand does not fit in one).
///
/// Both end in the same kernel, specialized for WideInteger or for UInt128; running both
/// checks the fast specialization against the suite too.
private func run(_ testCase: ConformanceCase, compact: Bool) -> Outcome? {
    guard let rounding = DecimalNumber.RoundingMode(rawValue: testCase.rounding),
        let left = WideDecimal.parse(Substring(testCase.a)),
        let right = testCase.b.flatMap({ WideDecimal.parse(Substring($0)) })
    else { return Outcome(result: "unparsable case", conditions: []) }
    let context = DecimalNumber.Context(
        precision: testCase.precision, rounding: rounding, maxExponent: testCase.maxExponent,
        minExponent: testCase.minExponent)
    var raised = DecimalNumber.Conditions()
    do {
        let result: DecimalNumber
        if compact {
            guard let left = compactNumber(left), let right = compactNumber(right) else { return nil }
            result = try apply(testCase.op, left, right, rounding: rounding, context: context, conditions: &raised)
        } else {
            result = try apply(testCase.op, left, right, rounding: rounding, context: context, conditions: &raised)
        }
        var names: Set<String> = []
        if raised.contains(.inexact) { names.insert("inexact") }
        if raised.contains(.rounded) { names.insert("rounded") }
        return Outcome(result: result.scientificDescription, conditions: names)
    } catch {
        return Outcome(result: "error \(error)", conditions: [])
    }
}

private func compactNumber(_ wide: WideDecimal) -> DecimalNumber? {
    guard let coefficient = wide.coefficient.compactValue, coefficient < PowersOfTen.uint128[38],
        Int32(exactly: wide.exponent) != nil
    else { return nil }
    return DecimalNumber(isNegative: wide.isNegative, coefficient: coefficient, exponent: wide.exponent)
}

private func apply(
    _ operation: String, _ left: WideDecimal, _ right: WideDecimal, rounding: DecimalNumber.RoundingMode,
    context: DecimalNumber.Context, conditions: inout DecimalNumber.Conditions
) throws(DecimalNumber.ArithmeticError) -> DecimalNumber {
    switch operation {
    case "add": try left.adding(right, context: context, conditions: &conditions)
    case "subtract": try left.subtracting(right, context: context, conditions: &conditions)
    case "multiply": try left.multiplied(by: right, context: context, conditions: &conditions)
    case "divide": try left.divided(by: right, context: context, conditions: &conditions)
    // GDA quantize takes only the exponent of its second operand.
    default: try left.quantized(exponent: right.exponent, rounding: rounding, context: context, conditions: &conditions)
    }
}

private func apply(
    _ operation: String, _ left: DecimalNumber, _ right: DecimalNumber, rounding: DecimalNumber.RoundingMode,
    context: DecimalNumber.Context, conditions: inout DecimalNumber.Conditions
) throws(DecimalNumber.ArithmeticError) -> DecimalNumber {
    switch operation {
    case "add": try left.adding(right, context: context, conditions: &conditions)
    case "subtract": try left.subtracting(right, context: context, conditions: &conditions)
    case "multiply": try left.multiplied(by: right, context: context, conditions: &conditions)
    case "divide": try left.divided(by: right, context: context, conditions: &conditions)
    default: try left.quantized(exponent: right.exponent, rounding: rounding, context: context, conditions: &conditions)
    }
}

@Test func decTestConformance() throws {
    let cases = try ConformanceData.loadInScopeCases()
    var failures: [String] = []
    var compactCaseCount = 0
    for testCase in cases {
        let expected = Outcome(result: testCase.expected, conditions: Set(testCase.conditions))
        var outcomes: [(path: String, outcome: Outcome?)] = [("wide", run(testCase, compact: false))]
        if let compactOutcome = run(testCase, compact: true) {
            compactCaseCount += 1
            outcomes.append(("compact", compactOutcome))
        }
        if let (path, outcome) = outcomes.first(where: { $0.outcome != expected }) {
            let got = outcome.map { "\($0.result) \($0.conditions.sorted())" } ?? "nothing"
            failures.append(
                "\(testCase.id) (\(path)): got \(got), expected \(expected.result) \(expected.conditions.sorted())")
        }
    }
    print("decTest conformance: \(cases.count - failures.count) passed, \(failures.count) failed")
    for failure in failures.prefix(20) { print("  \(failure)") }
    print("decTest conformance: \(compactCaseCount) of them also run through DecimalNumber's public API")

    #expect(cases.count == 4130)
    let counts = Dictionary(grouping: cases, by: \.op).mapValues(\.count)
    #expect(counts == ["add": 2141, "divide": 543, "subtract": 542, "quantize": 528, "multiply": 376])
    #expect(failures.count == 0)
    #expect(compactCaseCount >= 4100)
}
