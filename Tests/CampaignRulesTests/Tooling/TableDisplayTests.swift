// How amounts read in table columns: money to the minor unit, percents to two decimals, `≈` when
// the display rounded, number zeros in money columns as money; and allocations against their budget.

import Foundation
import Testing

@testable import CampaignRules

struct TableDisplayTests {
    private func decimal(_ text: String) -> DecimalNumber {
        DecimalNumber.parse(text) ?? .zero
    }

    @Test(arguments: [
        ("39.8000", "$39.80"), ("3.333333333333333333333333333", "≈$3.33"), ("-3.335", "≈-$3.34"), ("-3.345", "≈-$3.34"),
        ("1234.5", "$1,234.50"), ("0", "$0.00"), ("-0.001", "≈$0.00"), ("7", "$7.00"), ("1E+3", "$1,000.00"),
    ])
    func moneyShowsItsMinorUnit(_ amount: String, _ shown: String) {
        #expect(TableCell.text(.money(decimal(amount), .usd)) == shown)
    }

    @Test func currenciesKeepTheirOwnMinorUnit() throws {
        #expect(TableCell.text(.money(decimal("1234.567"), .eur)) == "≈€1,234.57")
        #expect(TableCell.text(.money(decimal("1234.567"), try #require(Currency(code: "JPY")))) == "≈1,235 JPY")
        #expect(TableCell.text(.money(decimal("10.10"), try #require(Currency(code: "CHF")))) == "10.10 CHF")
    }

    @Test(arguments: [
        ("0.01", "1.00%"), ("0.0122", "1.22%"), ("0.087", "8.70%"), ("8.134772853997827320008844538", "≈813.48%"),
        ("0.125", "12.50%"), ("0.00005", "≈0.00%"), ("-0.5", "-50.00%"), ("0.123000", "12.30%"),
        ("0.123450", "≈12.34%"), ("0.123451", "≈12.35%"),
    ])
    func percentsShowTwoDecimals(_ fraction: String, _ shown: String) {
        #expect(TableCell.text(.percent(decimal(fraction))) == shown)
    }

    /// Numbers, text and the rest read as `TablePrinter.cell` shows them.
    @Test func otherValuesAreUnchanged() {
        #expect(TableCell.text(.number(decimal("3.333333333333333333333333333"))) == "3.333333333333333333333333333")
        #expect(TableCell.text(.number(.zero)) == "0")
        #expect(TableCell.text(.text("a\nb")) == "a\\nb")
    }

    /// A number zero (an empty sum) in a column of money shows as money; in any other column, as 0.
    @Test func zerosInMoneyColumnsAreMoney() {
        let rows: Value = .list([
            .record([("id", .text("a")), ("refunds", .number(.zero)), ("count", .number(.zero))]),
            .record([("id", .text("b")), ("refunds", .money(decimal("2.5"), .usd)), ("count", .number(DecimalNumber(3)))]),
        ])
        #expect(
            TablePrinter.render(rows) == """
                id  refunds  count
                ──  ───────  ─────
                a     $0.00      0
                b     $2.50      3
                """)
        // Money of two currencies is not one money column: the zero stays a number.
        let mixed: Value = .list([
            .record([("fee", .number(.zero))]), .record([("fee", .money(.one, .usd))]), .record([("fee", .money(.one, .eur))]),
        ])
        #expect(TablePrinter.render(mixed).hasSuffix("    0\n$1.00\n€1.00"))
    }

    /// A record's fields are a two-column table: amounts read as in columns.
    @Test func recordFieldsReadAsColumns() {
        let record: Value = .record([("fee", .money(decimal("39.8000"), .usd)), ("rate", .percent(decimal("0.0815")))])
        #expect(TablePrinter.render(record) == "fee   $39.80\nrate  8.15%")
    }

    /// With its budget known, an allocation that spends less shows the rest as `unallocated`,
    /// and every share is of the budget.
    @Test func anUnderSpentAllocationShowsTheRest() throws {
        let program = try #require(
            Engine().compile(
                SourceFile(
                    path: "a.rules",
                    text: """
                        output split = allocate $50_000 across [{h: "a", w: 3}, {h: "b", w: 1}] by it.w max $24_000
                        """)
            ).program)
        let split = try #require(try program.evaluateOutputs().first?.value)
        #expect(
            AllocationPrinter.table(split, budget: .money(DecimalNumber(50_000), .usd)) == """
                item             amount   share
                ───────────  ──────────  ──────  ────────────────────────
                a            $24,000.00   48.0%  ████████████████████████
                b            $24,000.00   48.0%  ████████████████████████
                unallocated   $2,000.00    4.0%
                TOTAL        $50,000.00  100.0%
                """)
        // The allocation's value carries its budget.
        #expect(AllocationPrinter.table(split).hasSuffix("TOTAL        $50,000.00  100.0%"))
        // Rows without it (a list made from them) have shares of what was allocated.
        guard case .list(let rows) = split else { return }
        #expect(AllocationPrinter.table(.list(rows.array)).hasSuffix("TOTAL  $48,000.00  100.0%"))
        // A budget that was spent whole adds no row.
        #expect(!AllocationPrinter.table(split, budget: .money(DecimalNumber(48_000), .usd)).contains("unallocated"))
    }
}
