// Partition safety decided on the checked program: which input and column split a run, and
// each construct that reads a whole list, reported where it is with a fix.

import Testing

@testable import CampaignRules

struct PartitioningTests {
    static let prelude = """
        record Conversion {
          id: Text
          affiliate: Text
          amount: Money
        }
        input conversions: list of Conversion

        """

    static func partitioning(_ body: String, printing names: [String]? = nil) throws -> Partitioning {
        let compilation = Engine().compile(SourceFile(path: "t.rules", text: prelude + body))
        let program = try #require(compilation.program, "\(compilation.diagnostics)")
        return program.partitioning(printing: names)
    }

    /// Each problem as `line:column message`, with its fix.
    static func problems(_ body: String, printing names: [String]? = nil) throws -> [(at: String, message: String, fix: String?)] {
        guard case .unsafe(let problems) = try partitioning(body, printing: names) else { return [] }
        let source = SourceFile(path: "t.rules", text: prelude + body)
        return problems.map { ("\(source.location(of: $0.range.start))", $0.message, $0.fix) }
    }

    @Test func groupsOfFilteredRowsSplitByTheGroupColumn() throws {
        let body = """
            let approved = conversions where it.amount > $0
            plan payouts for g in approved group by it.affiliate {
              commission "Sales": sum(g.items.amount) * 10%
            }
            output big = payouts where it.total > $10 select {affiliate: it.key, total: it.total}
            output positive = approved select {id: it.id}
            """
        #expect(try PartitioningTests.partitioning(body) == .safe(input: "conversions", field: "affiliate"))
    }

    @Test func rowsSplitByTheirKeyColumn() throws {
        let body = """
            plan payouts for r in conversions {
              commission "Sale": r.amount * 10%
            }
            """
        #expect(try PartitioningTests.partitioning(body) == .safe(input: "conversions", field: "id"))
    }

    @Test func plansOverRowsAndOverGroupsSplitByTheGroupColumn() throws {
        let body = """
            plan per_sale for r in conversions {
              commission "Sale": r.amount * 1%
            }
            plan payouts for g in conversions group by it.affiliate {
              commission "Sales": sum(g.items.amount) * 10%
            }
            """
        #expect(try PartitioningTests.partitioning(body) == .safe(input: "conversions", field: "affiliate"))
    }

    @Test func aPlanOverAnotherPlansStatementsSplitsLikeIt() throws {
        let body = """
            plan payouts for g in conversions group by it.affiliate {
              commission "Sales": sum(g.items.amount) * 10%
            }
            plan bonuses for s in payouts where it.total > $100 {
              bonus "Big month": $20
            }
            """
        #expect(try PartitioningTests.partitioning(body) == .safe(input: "conversions", field: "affiliate"))
    }

    @Test func aggregatesCountsAndSortsOverTheInputAreReportedWhereTheyAre() throws {
        let body = """
            let all_sales = sum(conversions.amount)
            fn share(x) = x / count(conversions)
            plan payouts for g in conversions group by it.affiliate {
              commission "Sales": sum(g.items.amount) * (if all_sales > $1000 then 2% else 1%)
              bonus "Share": share($10)
            }
            output first_three = conversions sort by it.amount take 3
            """
        let problems = try PartitioningTests.problems(body)
        #expect(problems.map(\.at) == ["7:17", "8:19", "13:22"])
        #expect(problems[0].message == "`sum(conversions.amount)` reads all of `conversions`, which no one partition holds")
        #expect(
            problems[0].fix == "pass `sum(conversions.amount)` as an input computed in a first pass over the whole data, then split the run")
        #expect(problems[1].message.hasPrefix("`count(conversions)` reads all of `conversions`"))
        #expect(problems[2].message.hasPrefix("the output `first_three` is computed over every partition"))
    }

    @Test func anOutputOverEveryStatementIsComputedOverEveryPartition() throws {
        let body = """
            plan payouts for g in conversions group by it.affiliate {
              commission "Sales": sum(g.items.amount) * 10%
            }
            output total = sum(payouts.total)
            """
        let problems = try PartitioningTests.problems(body)
        #expect(problems.map(\.at) == ["10:16"])
        #expect(problems[0].message == "the output `total` is computed over every partition: `sum(payouts.total)` reads all of `payouts`")
        #expect(problems[0].fix?.hasPrefix("sum the partitions' values yourself or compute `total` in a second pass") == true)
        // Leaving it out of the run leaves a run that splits.
        #expect(try PartitioningTests.partitioning(body, printing: ["payouts"]) == .safe(input: "conversions", field: "affiliate"))
    }

    @Test func anOutputOfItsOwnIsNotAPartOfTheRun() throws {
        let body = """
            plan payouts for g in conversions group by it.affiliate {
              commission "Sales": sum(g.items.amount) * 10%
            }
            output rate = 5%
            """
        let problems = try PartitioningTests.problems(body)
        #expect(problems.map(\.at) == ["10:8"])
        #expect(problems[0].message.hasPrefix("the output `rate` is not a list of statements or of rows of `conversions`"))
    }

    @Test func groupsByAComputedKeyAndPositionalKeysCannotBeSplit() throws {
        let grouped = """
            plan payouts for g in conversions group by big: it.amount > $5 {
              commission "Sales": sum(g.items.amount) * 10%
            }
            """
        #expect(
            try PartitioningTests.problems(grouped).map(\.message) == [
                "`payouts` groups by no column of `conversions`, so its groups cannot be told apart before the run"
            ])
        let positional = """
            record Sale {
              amount: Money
            }
            input sales: list of Sale
            plan payouts for s in sales {
              commission "Sale": s.amount * 10%
            }
            """
        let problems = try PartitioningTests.problems(positional)
        #expect(
            problems.map(\.message) == ["the statements of `payouts` are keyed by their position in the whole list, which no one partition knows"])
        #expect(problems[0].fix == "give `payouts` a `key` that is a column of its rows (`key r.id`)")
    }

    @Test func aFileWithoutPlansHasNothingToSplit() throws {
        let problems = try PartitioningTests.problems("output n = 1\n")
        #expect(problems.map(\.message).first == "no plan makes statements from an input's rows, so there is nothing to split")
    }

    @Test func otherInputsMayBeReadWhole() throws {
        let body = """
            record Rate {
              currency: Text
              rate: Number
            }
            input fx: list of Rate
            plan payouts for g in conversions group by it.affiliate {
              commission "Sales": sum(g.items.amount) * count(fx) * 1%
            }
            """
        #expect(try PartitioningTests.partitioning(body) == .safe(input: "conversions", field: "affiliate"))
    }

    @Test func theHashIsFNV1a64OfTheKeyText() {
        // The published FNV-1a test vectors, then keys pinned to their partitions.
        #expect(Partition.hash(.text("")) == 0xcbf2_9ce4_8422_2325)
        #expect(Partition.hash(.text("a")) == 0xaf63_dc4c_8601_ec8c)
        #expect(Partition.hash(.text("AFF-101")) == 5_862_790_962_012_231_981)
        let three = (0..<3).compactMap { Partition(index: $0, count: 3) }
        let owners = ["AFF-101", "AFF-102", "AFF-103"].map { key in three.firstIndex { $0.contains(.text(key)) } }
        #expect(owners == [0, 0, 1])
        // Numbers hash by their shortest plain decimal, dates as ISO dates.
        #expect(Partition.hash(.number(DecimalNumber(isNegative: false, coefficient: 15, exponent: -1))) == Partition.hash(.text("1.5")))
        #expect(Partition.hash(.number(DecimalNumber(isNegative: false, coefficient: 150, exponent: -2))) == Partition.hash(.text("1.5")))
        #expect(Partition.hash(.date(CalendarDate(year: 2026, month: 3, day: 31)!)) == Partition.hash(.text("2026-03-31")))
    }

    @Test func partitionsAreNumberedFromZeroBelowTheCount() {
        #expect(Partition(index: 0, count: 1) != nil)
        #expect(Partition(index: 2, count: 2) == nil)
        #expect(Partition(index: -1, count: 2) == nil)
        #expect(Partition(index: 0, count: 0) == nil)
    }
}
