// `rules check --partitions` and `rules run --partition I/N`: the partitions' statements put
// together are the single run's, and runs that cannot be split are refused with the reasons.

import Foundation
import Testing

@Suite struct PartitionCommandTests {
    static let monthEnd = [
        "examples/month-end.rules", "--data", "conversions=examples/data/conversions.csv", "--only", "payouts", "--format", "csv",
    ]

    /// The CSV rows (header left out) of every partition of `count`, sorted, and of the single run, sorted.
    static func partitionedAndSingle(_ arguments: [String], count: Int) throws -> (parts: [String], single: [String]) {
        let single = try RulesBinary.run(["run"] + arguments)
        #expect(single.status == 0, "\(single.error)")
        var parts: [String] = []
        for index in 0..<count {
            let part = try RulesBinary.run(["run"] + arguments + ["--partition", "\(index)/\(count)"])
            #expect(part.status == 0, "\(part.error)")
            #expect(part.error.contains("note: partition \(index)/\(count) keeps "))
            parts += rows(part.output)
        }
        return (parts.sorted(), rows(single.output).sorted())
    }

    static func rows(_ csv: String) -> [String] {
        Array(csv.split(whereSeparator: \.isNewline).dropFirst().map(String.init))
    }

    @Test func checkNamesTheColumnOfASafeRun() throws {
        let result = try RulesBinary.run(["check", "--partitions", "--only", "payouts", "examples/month-end.rules"])
        #expect(result.status == 0)
        #expect(result.output == "partition-safe: statements are keyed by `affiliate` of `conversions`; split the data by that column\n")
    }

    @Test func checkPointsAtAnOutputOverEveryPartition() throws {
        let result = try RulesBinary.run(["check", "--partitions", "examples/month-end.rules"])
        #expect(result.status == 1)
        #expect(
            result.error.hasPrefix(
                "examples/month-end.rules:101:21: error: the output `total_paid` is computed over every partition: `sum(payouts.total)` reads all of `payouts`"
            ))
        #expect(result.error.contains("  fix: sum the partitions' values yourself or compute `total_paid` in a second pass"))
        #expect(result.output == "not partition-safe: 1 problem\n")
    }

    @Test func checkPointsAtEachWholeListRead() throws {
        let path = try RulesBinary.write(
            """
            record Sale {
              id: Text
              creator: Text
              sales: Money
            }
            input creators: list of Sale
            let total_sales = sum(creators.sales)
            plan payouts for g in creators group by it.creator {
              commission "Share": sum(g.items.sales) / total_sales * $1000
            }
            """)
        let result = try RulesBinary.run(["check", "--partitions", path])
        #expect(result.status == 1)
        #expect(result.error.hasPrefix("\(path):7:19: error: `sum(creators.sales)` reads all of `creators`, which no one partition holds"))
        #expect(
            result.error.contains("  fix: pass `sum(creators.sales)` as an input computed in a first pass over the whole data, then split the run"))
    }

    @Test(arguments: [1, 2, 3]) func monthEndPartitionsMakeTheSingleRun(count: Int) throws {
        let (parts, single) = try PartitionCommandTests.partitionedAndSingle(PartitionCommandTests.monthEnd, count: count)
        #expect(!single.isEmpty)
        #expect(parts == single)
    }

    @Test func aFewHundredAffiliatesSplitThreeWays() throws {
        let rules = try RulesBinary.write(
            """
            record Order {
              id: Text
              affiliate: Text
              amount: Money
            }
            input orders: list of Order
            plan payouts for g in orders where it.amount > $0 group by it.affiliate {
              commission "Order \\(o.id)" for o in g.items: o.amount * 10%
              bonus "Volume" when sum(g.items.amount) >= $300: $20
            }
            """)
        var csv = "id,affiliate,amount\n"
        for order in 0..<900 { csv += "o\(order),aff-\(order * 7 % 300),\(order % 97 * 3).50\n" }
        let data = (rules as NSString).deletingLastPathComponent + "/orders.csv"
        try csv.write(toFile: data, atomically: true, encoding: .utf8)
        let arguments = [rules, "--data", "orders=\(data)", "--format", "csv"]
        for count in [2, 3] {
            let (parts, single) = try PartitionCommandTests.partitionedAndSingle(arguments, count: count)
            #expect(single.count > 900)
            #expect(parts == single)
        }
    }

    @Test func theNoteSaysHowManyRowsAPartitionKept() throws {
        let result = try RulesBinary.run(["run"] + PartitionCommandTests.monthEnd + ["--partition", "0/1"])
        #expect(result.error == "note: partition 0/1 keeps 41 of 41 rows of `conversions`, split by `affiliate`\n")
    }

    @Test func aRunThatCannotBeSplitIsRefused() throws {
        let result = try RulesBinary.run([
            "run", "examples/month-end.rules", "--data", "conversions=examples/data/conversions.csv", "--partition", "0/2",
        ])
        #expect(result.status == 1)
        #expect(result.output.isEmpty)
        #expect(result.error.contains("examples/month-end.rules:101:21: error: the output `total_paid` is computed over every partition"))
        #expect(result.error.contains("error: --partition needs a partition-safe run"))
    }

    @Test(arguments: ["2/2", "0/0", "-1/2", "a/b", "1", "1/2/3", ""]) func badPartitionsAreUsageErrors(text: String) throws {
        let result = try RulesBinary.run(["run"] + PartitionCommandTests.monthEnd + ["--partition", text])
        #expect(result.status == 2)
        #expect(result.error.hasPrefix("error: --partition \(text): "))
        #expect(result.error.contains("fix: "))
        #expect(result.output.isEmpty)
    }
}
