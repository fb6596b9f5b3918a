// The month-end close from the command line: balances written and read back, paid lines with
// their items, list inputs from several files, and data outside the campaign's window.

import Foundation
import Testing

@Suite struct MonthEndCommandTests {
    static let rules = """
        campaign "Close" {
          effective: 2026-03-01 to 2026-03-31
        }
        record Sale {
          id: Text
          affiliate: Text
          day: Date
          amount: Money
        }
        record Balance {
          key: Text
          amount: Money
        }
        input sales: list of Sale
        input brought: list of Balance = []

        plan payouts for g in sales where in_effect(it.day) group by it.affiliate {
          commission "Order \\(s.id)" for s in g.items: s.amount * 10%
          carry brought
          minimum $25
        }
        output next_month = payouts.carried where it.amount != $0
        """

    static let sales = """
        id,affiliate,day,amount
        s1,ann,2026-03-02,100.00
        s2,bob,2026-03-03,400.00
        s3,ann,2026-04-01,900.00
        """

    /// The balances one run holds, written as CSV, are what the next run brings forward.
    @Test func balancesWrittenAreReadBack() throws {
        let rules = try RulesBinary.write(MonthEndCommandTests.rules, name: "close.rules")
        let folder = (rules as NSString).deletingLastPathComponent
        let sales = (folder as NSString).appendingPathComponent("sales.csv"), held = (folder as NSString).appendingPathComponent("held.csv")
        try MonthEndCommandTests.sales.write(toFile: sales, atomically: true, encoding: .utf8)
        let first = try RulesBinary.run(["run", rules, "--data", "sales=\(sales)", "--only", "next_month", "--format", "csv", "--out", held])
        #expect(first.status == 0, "\(first.error)")
        #expect(try String(contentsOfFile: held, encoding: .utf8) == "key,amount\r\nann,10.00\r\n")
        let second = try RulesBinary.run([
            "run", rules, "--data", "sales=\(sales)", "--data", "brought=\(held)", "--only", "payouts",
            "--lines", "--format", "csv",
        ])
        #expect(second.status == 0, "\(second.error)")
        #expect(
            second.output == """
                subject,line,amount,item\r
                ann,Order s1,10.00,s1\r
                ann,Brought forward,10.00,\r
                ann,Below minimum,-20.00,\r
                ann,total,0.00,\r
                bob,Order s2,40.00,s2\r
                bob,total,40.00,\r

                """)
    }

    /// A run on data partly outside the `effective` window says how many rows are outside.
    @Test func rowsOutsideTheWindowAreCounted() throws {
        let rules = try RulesBinary.write(MonthEndCommandTests.rules, name: "close.rules")
        let sales = try RulesBinary.write(MonthEndCommandTests.sales, name: "sales.csv")
        let result = try RulesBinary.run(["run", rules, "--data", "sales=\(sales)", "--only", "payouts"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.error.contains("note: 1 of 3 rows of `sales` have `day` outside the campaign's effective window 2026-03-01 to 2026-03-31"))
    }

    /// A list input given two files reads both, in order; any input given twice otherwise is
    /// an error, never one silently replacing the other.
    @Test func aListInputMayBeGivenSeveralFiles() throws {
        let rules = try RulesBinary.write(MonthEndCommandTests.rules, name: "close.rules")
        let sales = try RulesBinary.write(MonthEndCommandTests.sales, name: "sales.csv")
        let more = try RulesBinary.write("id,affiliate,day,amount\ns4,cy,2026-03-09,300.00\n", name: "more.csv")
        let both = try RulesBinary.run(["run", rules, "--data", "sales=\(sales)", "--data", "sales=\(more)", "--only", "payouts", "--format", "csv"])
        #expect(both.status == 0, "\(both.error)")
        #expect(both.output.contains("cy,Order s4,30.00,s4"))
        #expect(both.output.contains("bob,Order s2,40.00,s2"))
        let twice = try RulesBinary.run(["run", rules, "--data", "sales=\(sales)", "--set", "sales=[]"])
        #expect(twice.status == 2)
        #expect(twice.error.contains("`sales` is already given by --data"))
        #expect(twice.error.contains("fix:"))
    }

    /// The worked close of examples/month-end, run month by month as docs/guide.md shows it:
    /// each month reads the lines paid and the balances held by the months before, and writes
    /// its own, which must be the books kept in examples/month-end/closed byte for byte.
    @Test func threeMonthsCloseInSequence() throws {
        let example = RulesBinary.packageRoot.appendingPathComponent("examples/month-end")
        let books = FileManager.default.temporaryDirectory.appendingPathComponent("month-end-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: books, withIntermediateDirectories: true)
        let rules = example.appendingPathComponent("close.rules").path
        func path(_ name: String) -> String { books.appendingPathComponent(name).path }
        var paidFiles: [String] = [], broughtFile: String?
        var totals: [String] = []
        for month in ["2026-02", "2026-03", "2026-04"] {
            var data = ["--data", "conversions=\(example.path)/data/conversions-\(month).csv"]
            data += paidFiles.flatMap { ["--data", "paid=\($0)"] } + (broughtFile.map { ["--data", "brought=\($0)"] } ?? [])
            let lines = try RulesBinary.run(
                ["run", rules] + data + ["--only", "payouts", "--lines", "--format", "csv", "--out", path("\(month)-lines.csv")])
            #expect(lines.status == 0, "\(month): \(lines.error)")
            let balances = try RulesBinary.run(
                ["run", rules] + data + ["--only", "next_month", "--format", "csv", "--out", path("\(month)-balances.csv")])
            #expect(balances.status == 0, "\(month): \(balances.error)")
            let total = try RulesBinary.run(["run", rules] + data + ["--only", "total_paid", "--format", "csv"])
            totals.append(total.output.components(separatedBy: "\r\n").dropFirst().first ?? "")
            for file in ["\(month)-lines.csv", "\(month)-balances.csv"] {
                let kept = try String(contentsOf: example.appendingPathComponent("closed/\(file)"), encoding: .utf8)
                #expect(try String(contentsOfFile: path(file), encoding: .utf8) == kept, "\(file) differs from the books")
            }
            paidFiles.append(path("\(month)-lines.csv"))
            broughtFile = path("\(month)-balances.csv")
        }
        // February pays AFF-101's three orders and holds AFF-102's $12; March pays AFF-104's
        // order approved a month late and holds AFF-102's $21; April claws back two orders
        // paid before, pays AFF-102's balance with its new order, and carries AFF-103's -$30.
        #expect(totals == ["81.80", "140.00", "126.00"])
        let april = try String(contentsOfFile: path("2026-04-lines.csv"), encoding: .utf8)
        #expect(april.contains("AFF-101,Reversed NT-1001,-42.00,NT-1001\r\n"))
        #expect(april.contains("AFF-103,Reversed NT-1012,-50.00,NT-1012\r\n"))
        #expect(april.contains("AFF-102,Brought forward,21.00,\r\n"))
        #expect(!april.contains("NT-1014"), "an order reversed before it was paid costs nothing")
        #expect(try String(contentsOfFile: path("2026-04-balances.csv"), encoding: .utf8) == "key,amount\r\nAFF-103,-30.00\r\n")
        // What was paid plus what is still held is what was earned less what was clawed back,
        // read from the books the three closes wrote.
        var earned = Decimal(0), clawedBack = Decimal(0), paid = Decimal(0)
        for file in paidFiles {
            for row in try String(contentsOfFile: file, encoding: .utf8).components(separatedBy: "\r\n").dropFirst() where !row.isEmpty {
                let cells = row.components(separatedBy: ",")
                let amount = try #require(Decimal(string: cells[2]))
                if cells[1].hasPrefix("Order ") { earned += amount }
                if cells[1].hasPrefix("Reversed ") { clawedBack -= amount }
                if cells[1] == "total" { paid += amount }
            }
        }
        #expect(earned == Decimal(string: "409.80") && clawedBack == 92)
        #expect(paid + Decimal(-30) == earned - clawedBack)
    }

    /// A close split into partitions gives the single run's statements: a balance whose
    /// affiliate has no orders makes its statement only in the partition of its key.
    @Test func partitionsOfACloseWithBalancesAreTheWholeClose() throws {
        let example = RulesBinary.packageRoot.appendingPathComponent("examples/month-end")
        let balances = try RulesBinary.write("key,amount\nAFF-102,21.00\nAFF-901,7.00\nAFF-902,-3.00\nAFF-903,4.00\n", name: "brought.csv")
        let data = [
            "--data", "conversions=\(example.path)/data/conversions-2026-04.csv",
            "--data", "paid=\(example.path)/closed/2026-02-lines.csv", "--data", "paid=\(example.path)/closed/2026-03-lines.csv",
            "--data", "brought=\(balances)",
        ]
        func rows(_ extra: [String]) throws -> [String] {
            let result = try RulesBinary.run(
                ["run", "\(example.path)/close.rules"] + data + ["--only", "payouts", "--lines", "--format", "csv"] + extra)
            #expect(result.status == 0, "\(result.error)")
            return Array(result.output.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty })
        }
        let whole = try rows([])
        #expect(whole.contains("AFF-901,Brought forward,7.00,") && whole.contains("AFF-902,Below zero,3.00,"))
        for count in [2, 3] {
            let parts = try (0..<count).flatMap { try rows(["--partition", "\($0)/\(count)"]) }
            #expect(parts.sorted() == whole.sorted(), "\(count) partitions")
        }
    }
}
