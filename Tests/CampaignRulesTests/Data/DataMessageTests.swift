// The wording of data errors for fields declared in a rule file: what the field holds, the
// column it is read from, and a fix that keeps the data's value.

import Testing

@testable import CampaignRules

struct DataMessageTests {
    /// The rendered error of loading `data` into the input `name` of `rules`; nil when it loads.
    static func rendered(_ rules: String, input name: String = "sales", _ data: String, path: String = "data.csv") throws -> String? {
        let compiled = Engine().compile(SourceFile(path: "campaign.rules", text: rules))
        let program = try #require(compiled.program, "\(compiled.renderedDiagnostics)")
        let type = try #require(program.declaredType(ofInput: name))
        return DataTestSupport.error(data, path: path, as: type)?.rendered
    }

    static let eurFees = """
        campaign "Fees" { currency: USD }
        record Sale {
          id: Text
          fee: Money(EUR)
        }
        input sales: list of Sale
        output total = count(sales)
        """

    @Test func aMoneyEURCellInTheCampaignCurrencyIsToldTheFieldHoldsEUR() throws {
        #expect(
            try Self.rendered(Self.eurFees, "id,fee\na,$2.5\n") == """
                data.csv:2:2: error: column `fee`: expected Money in EUR, found "$2.5", an amount in USD
                  fix: this field is declared `Money(EUR)`, so it holds EUR amounts: write the amount in EUR, or declare the field `Money` (amounts in USD, the campaign's currency), or `Money(currency)` with a `currency` field naming each row's currency
                """)
        let json = try #require(try Self.rendered(Self.eurFees, #"[{"id": "a", "fee": "$2.5"}]"#, path: "data.json"))
        #expect(json.contains("declare the field `Money` (amounts in USD, the campaign's currency)"), "\(json)")
    }

    @Test func aMoneyEURCellInAThirdCurrencySuggestsThatCurrency() throws {
        let error = try #require(try Self.rendered(Self.eurFees, "id,fee\na,£2.5\n"))
        #expect(error.contains("write the amount in EUR, or declare the field `Money(GBP)`, or `Money(currency)`"), "\(error)")
        #expect(!error.contains("the campaign's currency"), "\(error)")
    }

    @Test func aPlainMoneyCellInAnotherCurrencyStillNamesTheCampaignCurrency() throws {
        let rules = """
            campaign "Fees" { currency: USD }
            record Sale { id: Text
              fee: Money }
            input sales: list of Sale
            output total = count(sales)
            """
        let error = try #require(try Self.rendered(rules, "id,fee\na,€2.5\n"))
        #expect(
            error.contains(
                "fix: this field holds USD amounts (the campaign's currency): convert the amounts, or set `currency: EUR` in the campaign"),
            "\(error)")
    }

    static let newYorkTimes = """
        campaign "NY" { timezone: "America/New_York" }
        record Sale {
          id: Text
          on: Date
          at: Timestamp = 2026-01-01T00:00:00Z
        }
        input sales: list of Sale
        output total = count(sales)
        """

    @Test func aTimestampCellOutsideTheCalendarIsRefused() throws {
        let error = try #require(try Self.rendered(Self.newYorkTimes, "id,on,at\na,2026-03-01,9999-12-31T23:59:59-05:00\n"))
        #expect(
            error == """
                data.csv:2:3: error: column `at`: expected Timestamp, found "9999-12-31T23:59:59-05:00", which is outside the calendar's years 1 to 9999 in UTC
                  fix: timestamps run from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z
                """)
    }

    @Test func aDateCellWhoseDayInTheZoneIsOutsideTheCalendarIsRefused() throws {
        let error = try #require(try Self.rendered(Self.newYorkTimes, "id,on\na,0001-01-01T02:00:00Z\n"))
        #expect(
            error.hasPrefix(
                """
                data.csv:2:2: error: column `on`: expected Date, found "0001-01-01T02:00:00Z", whose day in America/New_York would be 0000-12-31, outside the calendar's years 1 to 9999
                """), "\(error)")
    }

    static let aliasedSales = """
        record Sale {
          id: Text from "Order ID"
          amount: Money(currency) from "Sale Amount"
          currency: Text
          on: Date = 2026-01-01
        }
        input sales: list of Sale
        output total = count(sales)
        """

    @Test func anUnknownCurrencyCellSaysItsColumnOnce() throws {
        let error = try #require(try Self.rendered(Self.aliasedSales, "Order ID,Sale Amount,currency\na,1.00,EURO\n"))
        #expect(
            error.hasPrefix(
                """
                data.csv:2:3: error: column `currency`: "EURO" is not a currency this language knows
                  fix: did you mean `EUR`? use an ISO code: USD, EUR,
                """), "\(error)")
    }

    @Test func anEmptyCurrencyCellWithoutADefaultIsOneError() throws {
        #expect(
            try Self.rendered(Self.aliasedSales, "Order ID,Sale Amount,currency\na,1.00,\n") == """
                data.csv:2:3: error: column `currency`: expected Text, found an empty cell
                  fix: fill in the cell, or give `currency` a default in `record Sale`
                """)
    }

    @Test func anEmptyOptionalCurrencyCellLeavesItsAmountWithoutACurrency() throws {
        let rules = """
            record Sale {
              id: Text
              amount: Money(currency)?
              currency: Text?
            }
            input sales: list of Sale
            output total = count(sales)
            """
        // Row 3 has no amount either, so it needs no currency.
        #expect(
            try Self.rendered(rules, "id,amount,currency\na,1.00,\nb,,\nc,2,EUR\n") == """
                data.csv:2:2: error: column `amount`: this row's `currency` is empty, so the amount has no currency
                  fix: fill in `currency`, or declare it with a default instead of `?`, such as `currency: Text = "USD"`
                """)
    }

    @Test func anEmptyCellFixNamesTheFieldAndTheColumnItIsReadFrom() throws {
        #expect(
            try Self.rendered(Self.aliasedSales, "Order ID,Sale Amount,currency\na,,EUR\n") == """
                data.csv:2:2: error: column `Sale Amount`: expected Money, found an empty cell
                  fix: fill in the cell, or give `amount` (read from the column `Sale Amount`) a default in `record Sale`
                """)
        let rules = """
            record Sale {
              id: Text from "Order ID"
              amount: Money
            }
            input sales: list of Sale
            output total = count(sales)
            """
        let error = try #require(try Self.rendered(rules, "Order ID,amount\n,1\n"))
        #expect(error.hasSuffix("fix: fill in the cell, or give `id` (read from the column `Order ID`) a default in `record Sale`"), "\(error)")
    }

    @Test func aColumnNamedAfterAFieldWithAFromIsExplained() throws {
        #expect(
            try Self.rendered(Self.aliasedSales, "id,Sale Amount,currency\na,1.00,EUR\n") == """
                data.csv:1: error: column `Order ID` (Text) is missing; the file has: id, Sale Amount, currency
                  fix: `id` is read from the column `Order ID` (its `from`), not from `id`: rename the column to `Order ID`, or drop `from "Order ID"`
                """)
    }

    @Test func aDateCellWithATimeButNoOffsetSaysWhatADateTakes() throws {
        #expect(
            try Self.rendered(Self.aliasedSales, "Order ID,Sale Amount,currency,on\na,1.00,EUR,2026-03-14T23:30:00\n") == """
                data.csv:2:4: error: column `on`: expected Date, found "2026-03-14T23:30:00", a time of day without an offset from UTC
                  fix: a Date field takes a date, as in `2026-03-14`, or a timestamp with its offset from UTC, as in `2026-03-14T23:30:00Z` or `2026-03-14T18:30:00-05:00`
                """)
        let json = try #require(
            try Self.rendered(
                Self.aliasedSales, #"[{"Order ID": "a", "Sale Amount": 1, "currency": "EUR", "on": "2026-03-14T23:30:00"}]"#, path: "data.json"))
        #expect(json.contains("a Date field takes a date, as in `2026-03-14`, or a timestamp with its offset"), "\(json)")
    }
}
