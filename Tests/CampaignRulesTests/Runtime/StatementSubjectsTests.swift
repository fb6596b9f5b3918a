// A projection over a plan's itemized statements that never reads their subjects (or what
// they carry) is given statements without them (building each group's record was most of the
// cost of `payouts select sum(it.lines ...)`); wherever either can be observed, it is there.

import CampaignRules
import Foundation
import Testing

@Suite struct StatementSubjectsTests {
    static let rule = """
        record Sale {
          id: Text
          affiliate: Text
          amount: Money
        }
        input sales: list of Sale
        fn subject_key(s) = s.subject.key
        fn carried_amount(s) = s.carried.amount
        plan payouts for g in sales group by it.affiliate {
          commission "Sale \\(s.id)" for s in g.items: s.amount * 10%
          minimum $200
        }
        output held = sum(payouts select -sum(it.lines where it.label == "Below minimum" select it.amount))
        # The same, reading each subject: statements read whole.
        output held_reading_subjects = sum(payouts select
            (if count(it.subject.items) > 0 then -sum(it.lines where it.label == "Below minimum" select it.amount) else $0))
        output lines = sum(payouts select count(it.lines))
        output keys = payouts select it.subject.key
        output through_a_function = payouts select subject_key(it)
        output through_a_list = payouts select [it][0].subject.key
        output item_counts = payouts select count(it.subject.items)
        output statement_keys = payouts select it.key
        output carried = sum(payouts select it.carried.amount)
        output carried_through_a_function = sum(payouts select carried_amount(it))
        """

    static func outputs() throws -> [String: String] {
        // Enough rows for the plan to be computed by its itemized kernel, over loaded columns.
        var csv = "id,affiliate,amount\n"
        for n in 0..<3_000 { csv += "S\(n),aff\(n % 40),\(n % 50).\(n % 100 < 10 ? "0" : "")\(n % 100)\n" }
        let program = try #require(Engine().compile(SourceFile(path: "subjects.rules", text: rule)).program)
        let type = try #require(program.declaredType(ofInput: "sales"))
        let sales = try DataImport.load(Array(csv.utf8), path: "sales.csv", as: type)
        let results = try program.evaluateOutputs(inputs: ["sales": sales])
        return Dictionary(results.map { ($0.name, "\($0.value)") }, uniquingKeysWith: { first, _ in first })
    }

    @Test func subjectsAreThereWhereverTheyCanBeRead() throws {
        let outputs = try StatementSubjectsTests.outputs()
        let keys = try #require(outputs["statement_keys"])
        #expect(keys.hasPrefix("[\"aff0\", \"aff1\""), "got \(keys.prefix(80))")
        #expect(outputs["keys"] == keys)
        #expect(outputs["through_a_function"] == keys)
        #expect(outputs["through_a_list"] == keys)
        #expect(outputs["item_counts"] == "[" + Array(repeating: "75", count: 40).joined(separator: ", ") + "]")
    }

    @Test func linesAreReadWithoutSubjects() throws {
        let outputs = try StatementSubjectsTests.outputs()
        let held = try #require(outputs["held"])
        #expect(held != "$0.00", "some statements fall below the minimum")
        #expect(held == outputs["held_reading_subjects"])
        let carried = try #require(outputs["carried"])
        #expect(carried != "$0.00")
        #expect(carried == outputs["carried_through_a_function"])
        // 40 statements of 75 sales' lines, and a minimum line for each one held.
        let lines = try #require(outputs["lines"].flatMap { Int($0) })
        #expect(lines > 3_000 && lines < 3_040, "got \(lines)")
    }
}
