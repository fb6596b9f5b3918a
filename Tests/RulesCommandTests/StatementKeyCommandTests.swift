// How statements of grouped plans print: by key, never as whole records; an itemized line as
// one column in a table, every line with --lines, in CSV and in JSON; diffs paired by key.

import Foundation
import Testing

@Suite struct StatementKeyCommandTests {
    static let rules = """
        enum Status { approved, reversed }
        record Order {
          id: Text
          affiliate: Text
          month: Number
          amount: Money
          status: Status
        }
        input orders: list of Order

        plan payouts for g in orders where it.status == approved group by it.affiliate {
          commission "Order \\(o.id)" for o in g.items: o.amount * 10%
          bonus "Volume" when sum(g.items.amount) >= $500: $20
        }

        plan monthly for g in orders group by affiliate: it.affiliate, month: it.month {
          commission "Sales": sum(g.items.amount) * 5%
        }
        """

    static let orders = """
        id,affiliate,month,amount,status
        o1,ann,1,100.00,approved
        o2,bob,1,40.00,approved
        o3,ann,2,450.00,approved
        o4,ann,2,90.00,reversed
        """

    static func run(_ extra: [String]) throws -> RulesBinary.Result {
        try run(rules: StatementKeyCommandTests.rules, orders: StatementKeyCommandTests.orders, extra)
    }

    /// `rules run` of a rule file with its input `orders` read from a CSV file.
    static func run(rules text: String, orders csv: String, _ extra: [String] = []) throws -> RulesBinary.Result {
        let rules = try RulesBinary.write(text, name: "grouped.rules")
        let data = try RulesBinary.write(csv, name: "orders.csv")
        return try RulesBinary.run(["run", rules, "--data", "orders=\(data)"] + extra)
    }

    /// A table shows the key and one column per line as written (an interpolation as `…`): an
    /// itemized line's items summed.
    @Test func tablesShowKeysAndOneColumnPerWrittenLine() throws {
        let result = try StatementKeyCommandTests.run(["--only", "payouts"])
        #expect(result.status == 0, "\(result.error)")
        #expect(
            result.output == """
                payouts:
                  subject  Order …  Volume   total
                  ───────  ───────  ──────  ──────
                  ann       $55.00  $20.00  $75.00
                  bob        $4.00           $4.00
                  TOTAL                     $79.00

                """)
        #expect(!result.output.contains("items"))
    }

    /// Named keys print one column each.
    @Test func namedKeysPrintAColumnEach() throws {
        let result = try StatementKeyCommandTests.run(["--only", "monthly", "--format", "csv"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output == "affiliate,month,Sales,total\r\nann,1,5.00,5.00\r\nbob,1,2.00,2.00\r\nann,2,27.00,27.00\r\n")
    }

    /// --lines lists every line under its statement's key.
    @Test func linesListEveryItem() throws {
        let result = try StatementKeyCommandTests.run(["--only", "payouts", "--lines"])
        #expect(result.status == 0, "\(result.error)")
        #expect(
            result.output == """
                payouts:
                  ann: $75.00
                    Order o1  $10.00
                    Order o3  $45.00
                    Volume    $20.00

                  bob: $4.00
                    Order o2  $4.00

                """)
    }

    /// CSV of a plan with an itemized line has a row per line, with the key of the item it was
    /// paid for, and a `total` row per statement.
    @Test func csvCarriesEveryLine() throws {
        let result = try StatementKeyCommandTests.run(["--only", "payouts", "--format", "csv"])
        #expect(result.status == 0, "\(result.error)")
        #expect(
            result.output == """
                subject,line,amount,item\r
                ann,Order o1,10.00,o1\r
                ann,Order o3,45.00,o3\r
                ann,Volume,20.00,\r
                ann,total,75.00,\r
                bob,Order o2,4.00,o2\r
                bob,total,4.00,\r

                """)
    }

    /// JSON has each statement's key and every line; a group's items are not written again.
    @Test func jsonHasKeysAndLines() throws {
        let result = try StatementKeyCommandTests.run(["--only", "payouts", "--format", "json"])
        #expect(result.status == 0, "\(result.error)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let statements = try #require(json["payouts"] as? [[String: Any]])
        #expect(statements.compactMap { $0["key"] as? String } == ["ann", "bob"])
        #expect(statements.allSatisfy { $0["subject"] == nil })
        let lines = try #require(statements.first?["lines"] as? [[String: Any]])
        #expect(lines.compactMap { $0["label"] as? String } == ["Order o1", "Order o3", "Volume"])
    }

    /// `rules diff` pairs statements by key: reordered data changes nothing.
    @Test func diffPairsByKey() throws {
        let old = try RulesBinary.write(StatementKeyCommandTests.rules, name: "old.rules")
        let new = try RulesBinary.write(
            StatementKeyCommandTests.rules.replacingOccurrences(of: "o.amount * 10%", with: "o.amount * 12%"),
            name: "new.rules")
        // bob's order first: pairing by position would compare ann with bob.
        let lines = StatementKeyCommandTests.orders.split(separator: "\n")
        let data = try RulesBinary.write(([lines[0], lines[2]] + lines[1...1] + lines[3...]).joined(separator: "\n") + "\n", name: "reordered.csv")
        let result = try RulesBinary.run(["diff", old, new, "--data", "orders=\(data)", "--format", "csv"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("payouts,ann,,75.00,86.00,11.00\r\n"), "\(result.output)")
        #expect(result.output.contains("payouts,ann,Order o3,45.00,54.00,9.00\r\n"), "\(result.output)")
        #expect(result.output.contains("payouts,bob,,4.00,4.80,0.80\r\n"), "\(result.output)")
    }

    /// An itemized line with a fixed label still gives a line per item: CSV writes each.
    @Test func itemizedLinesWithAFixedLabelAreEachWritten() throws {
        let result = try StatementKeyCommandTests.run(
            rules: """
                record Order {
                  id: Text
                  affiliate: Text
                  amount: Money
                }
                input orders: list of Order
                plan payouts for g in orders group by it.affiliate {
                  bonus "Order bonus" for o in g.items: $1
                }
                """, orders: "id,affiliate,amount\no1,ann,10\no2,ann,20\n", ["--format", "csv"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output == "subject,line,amount,item\r\nann,Order bonus,1.00,o1\r\nann,Order bonus,1.00,o2\r\nann,total,2.00,\r\n")
    }

    /// Money in a currency other than the campaign's keeps its code in CSV, so a column that
    /// mixes currencies cannot read back as one.
    @Test func csvMarksMoneyInOtherCurrencies() throws {
        let result = try StatementKeyCommandTests.run(
            rules: """
                record Order {
                  id: Text
                  amount: Money(currency)
                  currency: Text
                }
                input orders: list of Order
                output amounts = orders select {id: it.id, amount: it.amount}
                """, orders: "id,amount,currency\no1,980.00,EUR\no2,12.50,USD\n", ["--format", "csv"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output == "id,amount\r\no1,980.00 EUR\r\no2,12.50\r\n")
    }

    /// An error while paying says which statement and which item: the rule's line alone does
    /// not say where to look among thousands of orders.
    @Test func errorsNameTheStatementAndTheItem() throws {
        let result = try StatementKeyCommandTests.run(
            rules: """
                record Order {
                  id: Text
                  affiliate: Text
                  amount: Money(currency)
                  currency: Text
                }
                input orders: list of Order
                let fx = [{currency: "EUR", rate: 1.1}]
                plan payouts for g in orders group by it.affiliate {
                  commission "Order \\(o.id)" for o in g.items: convert(o.amount, fx) * 10%
                }
                """, orders: "id,affiliate,amount,currency\no1,ann,10,EUR\no2,bob,5,USD\no3,bob,7,CAD\n")
        #expect(result.status == 1)
        #expect(result.error.contains("no exchange rate for CAD"), "\(result.error)")
        #expect(result.error.contains("note: for o = {id: \"o3\""), "\(result.error)")
        #expect(result.error.contains("note: while making the statement of `payouts` for \"bob\""), "\(result.error)")
    }
}
