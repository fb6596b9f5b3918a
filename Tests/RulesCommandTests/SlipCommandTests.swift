// Slips a new user makes on the command line get an error that says what to write.

import Foundation
import Testing

@Suite struct SlipCommandTests {
    static func files() throws -> (rules: String, data: String) {
        let rules = try RulesBinary.write(
            """
            record Row {
              id: Text
              sales: Money
            }
            input rows: list of Row
            input total: Money = $0
            input rate: Percent = 10%
            output paid = sum(rows.sales) + total
            """, name: "pay.rules")
        let data = (rules as NSString).deletingLastPathComponent + "/rows.csv"
        try "id,sales\nava,$10\n".write(toFile: data, atomically: true, encoding: .utf8)
        return (rules, data)
    }

    /// `rules run pay.rules rows.csv` said only "takes one rule file".
    @Test func aDataFileGivenAsAPositionalSuggestsData() throws {
        let (rules, data) = try SlipCommandTests.files()
        let result = try RulesBinary.run(["run", rules, data])
        #expect(result.status == 2)
        #expect(result.error.contains("to load \(data), write `--data NAME=\(data)`"), "\(result.error)")
        let diff = try RulesBinary.run(["diff", rules, rules, data])
        #expect(diff.error.contains("write `--data NAME=\(data)`"), "\(diff.error)")
    }

    /// `--set rate 12%` took `12%` as a second rule file.
    @Test func aSetValueAsItsOwnWordSaysHowToJoinIt() throws {
        let (rules, data) = try SlipCommandTests.files()
        let result = try RulesBinary.run(["run", rules, "--data", "rows=\(data)", "--set", "rate", "12%"])
        #expect(result.status == 2)
        #expect(result.error.contains("--set takes NAME=VALUE as one word: write `--set rate=12%`"), "\(result.error)")
    }

    /// `--set total=$1,250,000` said "found Text", though a CSV cell accepts that spelling.
    @Test func aSetValueTakesTheSpellingsDataCellsTake() throws {
        let (rules, data) = try SlipCommandTests.files()
        let result = try RulesBinary.run(["run", rules, "--data", "rows=\(data)", "--set", "total=$1,250,000"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("$1,250,010.00"))
        let wrong = try RulesBinary.run(["run", rules, "--data", "rows=\(data)", "--set", "total=1,25"])
        #expect(wrong.status == 2)
        #expect(wrong.error.contains("expected Money, found \"1,25\""), "\(wrong.error)")
    }

    /// An entry that starts with an operator says the entry before ended where it was entered.
    @Test func aReplEntryStartingWithAnOperatorSaysWhy() throws {
        let process = try PipedRepl.run("let total = 100\n+ 200\ntotal\n")
        #expect(process.error.contains("an entry cannot start with `+`"), "\(process.error)")
        #expect(process.output.contains("100"))
    }
}
