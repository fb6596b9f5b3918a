// A plan over loaded rows keeps its statements by column however its statements are keyed:
// positions are not a value per row, and a key field is read from the table's column. (Keys
// once read each row's record, which took a plan over a million rows from 0.1 to 0.4 µs a row
// and doubled its memory.)

import CampaignRules
import Foundation
import Testing

@testable import CampaignRules

@Suite struct PlanKeysStorageTests {
    static func statements(_ rule: String, csv: String) throws -> ValueList {
        let program = try #require(Engine().compile(SourceFile(path: "plan.rules", text: rule)).program)
        let type = try #require(program.declaredType(ofInput: "rows"))
        let rows = try DataImport.load(Array(csv.utf8), path: "rows.csv", as: type)
        let results = try program.evaluateOutputs(["payouts"], inputs: ["rows": rows])
        guard case .list(let statements)? = results.first?.value else { throw PlanKeysStorageTests.NotAList() }
        return statements
    }

    struct NotAList: Error {}

    static func rule(_ fields: String) -> String {
        """
        record Row {
          \(fields)
          sales: Money
        }
        input rows: list of Row
        plan payouts for r in rows {
          commission "Base": r.sales * 10%
        }
        """
    }

    @Test func positionsAreNotAValuePerRow() throws {
        let csv = "sales\n" + (0..<5_000).map { "\($0).50" }.joined(separator: "\n") + "\n"
        let statements = try PlanKeysStorageTests.statements(PlanKeysStorageTests.rule(""), csv: csv)
        guard case .statements(let table) = statements.storage else {
            Issue.record("expected statements by column, found \(statements.storage)")
            return
        }
        guard case .positions(let count) = table.keys.storage else {
            Issue.record("expected positions, found \(table.keys.storage)")
            return
        }
        #expect(count == 5_000)
        #expect("\(table.keys[4_999])" == "5000")
    }

    @Test func aKeyFieldIsReadFromItsColumn() throws {
        let csv = "id,sales\n" + (0..<5_000).map { "c\($0),\($0).50" }.joined(separator: "\n") + "\n"
        let statements = try PlanKeysStorageTests.statements(PlanKeysStorageTests.rule("id: Text"), csv: csv)
        guard case .statements(let table) = statements.storage, case .field = table.keys.storage else {
            Issue.record("expected statements by column keyed from the id column")
            return
        }
        #expect("\(table.keys[10])" == "\"c10\"")
    }
}
