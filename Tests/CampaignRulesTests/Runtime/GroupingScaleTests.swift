// `group by` and `running` visit each row a bounded number of times, however many groups there
// are: a million rows in a hundred thousand groups run within a step budget proportional to
// the rows. A per-group scan of the rows would count a hundred thousand times more steps and
// stop at the limit (it would also take hours). Time is the benchmark's business, not a test's.

import CampaignRules
import Foundation
import Testing

@Suite struct GroupingScaleTests {
    static let rows = 1_000_000
    static let groups = 100_000

    /// `affiliate,amount` rows, the affiliates interleaved so each group's rows are spread out.
    static func data() throws -> Value {
        var text = "affiliate,amount\n"
        text.reserveCapacity(rows * 16)
        for row in 0..<rows { text += "a\(row % groups),\(row % 97).\(row % 10)0\n" }
        let compilation = Engine().compile(SourceFile(path: "scale.rules", text: rule))
        let type = try #require(compilation.program?.declaredType(ofInput: "sales"))
        return try DataImport.load(Array(text.utf8), path: "sales.csv", as: type)
    }

    static let rule = """
        record Sale {
          affiliate: Text
          amount: Money
        }
        input sales: list of Sale
        let groups = sales group by it.affiliate
        output group_count = count(groups)
        output last_running = (last(groups).items running so_far: it.amount select it.so_far)
        output running_everywhere = sum(groups select last(it.items running t: it.amount).t)
        output total = sum(sales.amount)
        """

    @Test func aMillionRowsInAHundredThousandGroupsStayWithinLinearSteps() throws {
        var limits = Limits.default
        // Far below rows × groups: a per-group scan of the rows could not finish within it.
        limits.maximumSteps = 40 * GroupingScaleTests.rows
        let compilation = Engine(limits: limits).compile(SourceFile(path: "scale.rules", text: GroupingScaleTests.rule))
        let program = try #require(compilation.program, "\(compilation.renderedDiagnostics)")
        let results = try program.evaluateOutputs(inputs: ["sales": try GroupingScaleTests.data()], limits: limits)
        let byName = Dictionary(results.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        #expect(byName["group_count"].map { "\($0)" } == "\(GroupingScaleTests.groups)")
        // Every row is in one group, so the groups' running totals end at the grand total.
        #expect(byName["running_everywhere"].map { "\($0)" } == byName["total"].map { "\($0)" })
        // The last group is a99999: rows 99999, 199999, …, ten of them, its total running up.
        guard case .list(let running)? = byName["last_running"] else {
            Issue.record("expected a list, got \(String(describing: byName["last_running"]))")
            return
        }
        #expect(running.count == GroupingScaleTests.rows / GroupingScaleTests.groups)
    }
}
