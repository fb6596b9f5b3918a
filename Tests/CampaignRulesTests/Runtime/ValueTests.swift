// Unit rules of arithmetic and comparison on values, and how values display.

import Testing

@testable import CampaignRules

struct ValueTests {
    static func number(_ text: String) -> DecimalNumber { DecimalNumber.parse(text) ?? .zero }
    static func money(_ text: String, _ currency: Currency = .usd) -> Value { .money(number(text), currency) }

    @Test func moneyPlusMoneyIsMoney() throws {
        #expect(try ValueTests.money("19.99").adding(ValueTests.money("0.01")).isEqual(to: ValueTests.money("20")))
    }

    @Test func zeroIsUnitFree() throws {
        #expect(try ValueTests.money("5").adding(.number(.zero)).isEqual(to: ValueTests.money("5")))
        #expect(try ValueTests.money("5").compare(to: .number(.zero)) == 1)
    }

    @Test func moneyWithANonZeroNumberIsAnError() {
        #expect(throws: ValueError.self) { try ValueTests.money("5").adding(.number(.one)) }
    }

    @Test func moneyRatioIsANumberEqualToThePercent() throws {
        let ratio = try ValueTests.money("150").divided(by: ValueTests.money("600"))
        #expect(try ratio.isEqual(to: .percent(ValueTests.number("0.25"))))
    }

    @Test func percentArithmeticKeepsPercentOnlyWhenBothArePercents() throws {
        #expect(try Value.percent(ValueTests.number("0.03")).adding(.percent(ValueTests.number("0.02"))).description == "5%")
        #expect(try Value.number(ValueTests.number("1000")).multiplied(by: .percent(ValueTests.number("0.05"))).description == "50.00")
    }

    @Test func differentCurrenciesDoNotMix() {
        #expect(throws: ValueError.self) { try ValueTests.money("1").adding(ValueTests.money("1", .eur)) }
        #expect(throws: ValueError.self) { try ValueTests.money("1").compare(to: ValueTests.money("1", .eur)) }
    }

    @Test func differentKindsDoNotCompare() {
        #expect(throws: ValueError.self) { try Value.text("a").compare(to: .number(.one)) }
        #expect(throws: ValueError.self) { try Value.symbol(.tiktok).compare(to: .symbol(.instagram)) }
    }

    @Test func tiersOrderBySize() throws {
        #expect(try Value.symbol(.nano).compare(to: .symbol(.mega)) == -1)
    }

    @Test func textComparesByScalars() {
        #expect(Value.compareScalars("B", "a") == -1)
        #expect(Value.compareScalars("é", "e\u{301}") == 1)
        #expect(Value.compareScalars("ab", "abc") == -1)
    }

    @Test(arguments: [
        (Value.money(DecimalNumber(1_234_567), .usd), "$1,234,567.00"),
        (Value.money(DecimalNumber.parse("-0.5") ?? .zero, .usd), "-$0.50"),
        (Value.money(DecimalNumber.parse("0.375") ?? .zero, .usd), "$0.375"),
        (Value.money(DecimalNumber(30), .eur), "€30.00"),
        (Value.money(DecimalNumber(1500), Currency(code: "JPY") ?? .usd), "1,500 JPY"),
        (Value.percent(DecimalNumber.parse("0.125") ?? .zero), "12.5%"),
        (Value.text("say \"hi\""), "\"say \\\"hi\\\"\""),
        (Value.list([.number(.one), .bool(true)]), "[1, true]"),
    ])
    func displays(_ value: Value, _ expected: String) {
        #expect(value.description == expected)
    }

    @Test func literalFormsReadBackAsRuleSyntax() {
        #expect(ValueTests.money("1234.5").literalDescription == "$1_234.5")
    }
}
