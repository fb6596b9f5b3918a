// End-to-end tests of the `rules` command: exit codes, help, and what each subcommand prints.

import Foundation
import Testing

@Suite struct HelpAndUsageTests {
    @Test func binaryWasBuilt() {
        #expect(FileManager.default.isExecutableFile(atPath: RulesBinary.url.path), "no rules binary at \(RulesBinary.url.path)")
    }

    @Test func overviewHelpListsEveryCommand() throws {
        let result = try RulesBinary.run(["--help"])
        #expect(result.status == 0)
        for command in ["check", "test", "run", "fmt", "diff", "repl", "EXIT CODES"] { #expect(result.output.contains(command)) }
    }

    @Test(arguments: ["check", "test", "run", "fmt", "diff", "repl"])
    func subcommandHelp(_ command: String) throws {
        let result = try RulesBinary.run([command, "--help"])
        #expect(result.status == 0)
        #expect(result.output.contains("rules \(command)"))
        #expect(result.output.contains("USAGE"))
    }

    @Test func version() throws {
        let result = try RulesBinary.run(["--version"])
        #expect(result.status == 0)
        #expect(result.output.hasPrefix("rules "))
    }

    @Test func noArgumentsIsAUsageError() throws {
        #expect(try RulesBinary.run([]).status == 2)
    }

    @Test func unknownCommandSuggestsTheRightOne() throws {
        let result = try RulesBinary.run(["chek", "x.rules"])
        #expect(result.status == 2)
        #expect(result.error.contains("unknown command `chek`"))
        #expect(result.error.contains("did you mean `check`"))
    }

    @Test func unknownOptionIsAUsageError() throws {
        let result = try RulesBinary.run(["run", "--fromat", "json", "x.rules"])
        #expect(result.status == 2)
        #expect(result.error.contains("unknown option --fromat"))
    }

    @Test func missingFileIsAUsageError() throws {
        let result = try RulesBinary.run(["check", "no/such/file.rules"])
        #expect(result.status == 2)
        #expect(result.error.contains("no/such/file.rules: no such file"))
    }
}

@Suite struct CheckCommandTests {
    @Test func cleanFilePasses() throws {
        let path = try RulesBinary.write("let a = 1\nlet b = a + 2\n")
        let result = try RulesBinary.run(["check", path])
        #expect(result.status == 0)
        #expect(result.output.contains("no errors"))
    }

    @Test func everyErrorIsReportedWithLocationCaretAndFix() throws {
        let path = try RulesBinary.write("let fee = $10\nlet total = fee + 5\nlet c = undefined_thing\n", name: "bad.rules")
        let result = try RulesBinary.run(["check", path])
        #expect(result.status == 1)
        #expect(result.error.contains("bad.rules:2:19: error: cannot use money and a bare number 5"))
        #expect(result.error.contains("fix: write the number as money: `$5`"))
        #expect(result.error.contains("bad.rules:3:9: error: unknown name `undefined_thing`"))
        #expect(result.error.contains("2 | let total = fee + 5"))
        #expect(result.error.contains("  |                   ^"))
        #expect(result.output.contains("2 errors"))
    }

    /// Each source limit is a flag of `check`, and reaching one names the flag in a located error.
    @Test(arguments: [
        (["--max-nodes", "5"], "limit maximumNodes; raise it with --max-nodes"),
        (["--max-nesting", "2"], "raise it with --max-nesting"),
        (["--max-literal-digits", "3"], "--max-literal-digits"),
        (["--max-literal-exponent", "2"], "--max-literal-exponent"),
        (["--max-source-size", "10"], "raise it with --max-source-size"),
    ])
    func sourceLimitsAreFlags(_ flags: [String], _ message: String) throws {
        let path = try RulesBinary.write("let a = ((1 + 2) * 3)\nlet b = 1_000 + a\n", name: "limits.rules")
        #expect(try RulesBinary.run(["check", path]).status == 0)
        let result = try RulesBinary.run(["check", path] + flags)
        #expect(result.status == 1)
        #expect(result.error.contains("limits.rules:") && result.error.contains(message), "got: \(result.error)")
    }

    @Test func limitsAboveTheirCeilingAreUsageErrors() throws {
        let path = try RulesBinary.write("let a = 1\n")
        let result = try RulesBinary.run(["check", path, "--max-nesting", "1000000"])
        #expect(result.status == 2)
        #expect(result.error.contains("--max-nesting is at most 50000"))
    }

    @Test func evaluationLimitsAreNotCheckFlags() throws {
        let path = try RulesBinary.write("let a = 1\n")
        let result = try RulesBinary.run(["check", path, "--max-steps", "5"])
        #expect(result.status == 2)
        #expect(result.error.contains("--max-steps"))
    }
}

@Suite struct TestCommandTests {
    @Test func failuresShowBothSidesAndTheCount() throws {
        let path = try RulesBinary.write(
            """
            test "fine" {
              expect 1 + 1 == 2
            }
            test "off by one" {
              expect 2 + 2 == 5
            }
            """, name: "t.rules")
        let result = try RulesBinary.run(["test", path])
        #expect(result.status == 1)
        #expect(result.output.contains("t.rules:5:10: FAIL \"off by one\": expected 2 + 2 == 5; left is 4, right is 5"))
        #expect(result.output.hasSuffix("1 passed, 1 failed\n"))
    }

    @Test func runtimeErrorsNameTheCallChain() throws {
        let path = try RulesBinary.write(
            """
            fn share(x) = 100 / x
            test "divides" {
              expect share(0) == 1
            }
            """, name: "chain.rules")
        let result = try RulesBinary.run(["test", path])
        #expect(result.status == 1)
        #expect(result.output.contains("chain.rules:1:15: FAIL \"divides\": division by zero (in `share` called at 3:10)"))
    }

    @Test func directoriesAreSearchedAndAllPass() throws {
        let result = try RulesBinary.run(["test", "examples"])
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.output.contains(" passed, 0 failed"))
    }

    @Test func aFileWithErrorsCountsAsAFailure() throws {
        let path = try RulesBinary.write("let x = nope\n")
        let result = try RulesBinary.run(["test", path])
        #expect(result.status == 1)
        #expect(result.output.contains("0 passed, 1 failed"))
    }
}

@Suite struct RunCommandTests {
    @Test func quickstartPrintsItsOutputs() throws {
        let result = try RulesBinary.run(["run", "examples/quickstart.rules"])
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.output.contains("total_payout:"))
        #expect(result.output.contains("$7,009.02") || result.output.contains("payouts:"))
    }

    @Test func jsonKeepsExactDecimals() throws {
        let path = try RulesBinary.write("output third = 1 / 3\noutput fee = $1_234.50\noutput rate = 12.5%\n")
        let result = try RulesBinary.run(["run", path, "--format", "json"])
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.output.contains("\"third\": 0.3333333333333333333333333333"))
        #expect(result.output.contains("\"fee\": {\"amount\": 1234.50, \"currency\": \"USD\"}"))
        #expect(result.output.contains("\"rate\": 0.125"))
        let parsed = try JSONSerialization.jsonObject(with: Data(result.output.utf8))
        #expect(parsed is [String: Any])
    }

    @Test func setGivesInputsValues() throws {
        let path = try RulesBinary.write("input budget: Money = $100\ninput rate: Percent = 5%\noutput spend = budget * rate\n")
        let result = try RulesBinary.run(["run", path, "--set", "budget=30000", "--set", "rate=10%"])
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.output.contains("$3,000.00"))
    }

    @Test func setGivesADateInputATimestampsDayInTheCampaignZone() throws {
        let path = try RulesBinary.write(
            """
            campaign "NY" { timezone: "America/New_York" }
            input start: Date = 2026-01-01
            output day = start
            """)
        // 02:00 UTC on March 1st is still February 28th in New York.
        let result = try RulesBinary.run(["run", path, "--set", "start=2026-03-01T02:00:00Z"])
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.output.contains("2026-02-28"), "\(result.output)")
    }

    @Test func setOfAnUnknownInputSuggests() throws {
        let path = try RulesBinary.write("input budget: Money = $100\noutput spend = budget\n")
        let result = try RulesBinary.run(["run", path, "--set", "budgte=5"])
        #expect(result.status == 2)
        #expect(result.error.contains("declares no input named `budgte` (did you mean `budget`?)"))
    }

    @Test func missingInputIsALocatedError() throws {
        let path = try RulesBinary.write("input budget: Money\noutput spend = budget\n", name: "needs.rules")
        let result = try RulesBinary.run(["run", path])
        #expect(result.status == 1)
        #expect(result.error.contains("needs.rules:2:16: error: the input `budget` was not given"))
    }

    @Test func runtimeErrorsAreLocated() throws {
        let path = try RulesBinary.write("let xs = [1, 2]\noutput third = xs[2]\n", name: "idx.rules")
        let result = try RulesBinary.run(["run", path])
        #expect(result.status == 1)
        #expect(result.error.contains("idx.rules:2:16: error: index 2 is out of range for a list of 2 items"))
    }
}

@Suite struct RunOutputTests {
    @Test func plansPrintAsStatementTablesWithATotal() throws {
        let result = try RulesBinary.run(["run", "examples/quickstart.rules", "--only", "payouts"])
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.output.contains("subject       Base  Engagement kicker   Refunds         Cap  Below minimum      total"))
        #expect(result.output.contains("eli      $7,200.00                     -$100.00  -$2,100.00                 $5,000.00"), "\(result.output)")
        #expect(result.output.contains("TOTAL"))
        #expect(!result.output.contains("top_sellers"))
    }

    @Test func explainShowsDecidingValuesAndBrackets() throws {
        let result = try RulesBinary.run(["run", "examples/quickstart.rules", "--only", "payouts", "--explain"])
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.output.contains("sales_rate(a.sales): $1,200.00 is in the bracket $1,000.00 ..< $5,000.00 → 8%"))
        #expect(result.output.contains("engagement_rate(a) = ≈7.80% ≥ 3%"))
        #expect(result.output.contains("\"Engagement kicker\" not paid: engagement_rate(a) = ≈1.44% ≥ 3% is false"))
        #expect(result.output.contains("the lines sum to $7,100.00, above the cap $5,000.00"))
    }

    @Test func csvHasExactAmountsAndOneRowPerSubject() throws {
        let result = try RulesBinary.run(["run", "examples/quickstart.rules", "--only", "payouts", "--format", "csv"])
        #expect(result.status == 0, "\(result.combined)")
        let lines = result.output.split(separator: "\r\n").map(String.init)
        #expect(lines.first == "subject,Base,Engagement kicker,Refunds,Cap,Below minimum,total")
        #expect(lines.contains("eli,7200.00,,-100.00,-2100.00,,5000.00"))
        #expect(lines.contains("ava,96.00,250.00,0.00,,,346.00"))
    }

    @Test func outWritesTheWholeFile() throws {
        let target = try RulesBinary.write("", name: "payouts.csv")
        let result = try RulesBinary.run(["run", "examples/quickstart.rules", "--only", "payouts", "--format", "csv", "--out", target])
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.output.isEmpty)
        let written = try String(contentsOfFile: target, encoding: .utf8)
        #expect(written.hasPrefix("subject,Base"))
        #expect(written.contains("fay,15.51,,0.00,,-15.51,0.00"))
    }

    @Test func explanationsTravelInJSON() throws {
        let result = try RulesBinary.run(["run", "examples/quickstart.rules", "--only", "payouts", "--format", "json", "--explain"])
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.output.contains("\"explanation\": [\"sales_rate(a.sales): $1,200.00 is in the bracket $1,000.00 ..< $5,000.00 → 8%\"]"))
        #expect(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) is [String: Any])
    }

    @Test func unknownOnlyNameIsAnError() throws {
        let result = try RulesBinary.run(["run", "examples/quickstart.rules", "--only", "payout"])
        #expect(result.status == 2)
        #expect(result.error.contains("declares no output or plan named `payout` (did you mean `payouts`?)"))
    }
}

@Suite struct DataOptionTests {
    static let rules = """
        record Sale {
          id: Text
          sales: Money
          refunds: Money = $0
        }
        input sales: list of Sale
        plan payouts for s in sales {
          commission "Base": s.sales * 10%
          deduct "Refunds": s.refunds * 10%
        }
        """

    @Test func readmeCommandRunsOnTheBundledData() throws {
        let result = try RulesBinary.run(["run", "examples/creator-program.rules", "--data", "creators=examples/data/creators.csv"])
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.output.contains("payouts:"))
        #expect(result.output.contains("TOTAL"))
    }

    @Test func csvIsConvertedToTheDeclaredRecords() throws {
        let rules = try RulesBinary.write(DataOptionTests.rules, name: "sales.rules")
        let csv = try RulesBinary.write("id,sales,refunds,extra\nava,\"$1,200.00\",,ignored\nben,310.10,$10,x\n", name: "sales.csv")
        let result = try RulesBinary.run(["run", rules, "--data", "sales=\(csv)", "--format", "csv"])
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.output.contains("ava,120.00,0.00,120.00"))
        #expect(result.output.contains("ben,31.01,-1.00,30.01"))
    }

    @Test func aBadCellIsLocatedByRowAndColumn() throws {
        let rules = try RulesBinary.write(DataOptionTests.rules, name: "sales.rules")
        let csv = try RulesBinary.write("id,sales\nava,12\nben,\"12,34.5\"\n", name: "bad.csv")
        let result = try RulesBinary.run(["run", rules, "--data", "sales=\(csv)"])
        #expect(result.status == 1)
        #expect(result.error.contains("bad.csv:3:2: error: column `sales`: expected Money, found \"12,34.5\""))
    }

    @Test func anUnknownInputNameSuggests() throws {
        let rules = try RulesBinary.write(DataOptionTests.rules, name: "sales.rules")
        let result = try RulesBinary.run(["run", rules, "--data", "sale=x.csv"])
        #expect(result.status == 2)
        #expect(result.error.contains("declares no input named `sale` (did you mean `sales`?)"))
    }
}

@Suite struct DiffCommandTests {
    static func version(threshold: String) -> String {
        """
        record Sale {
          id: Text
          sales: Money
        }
        input sales: list of Sale
        tiers rate {
          ..< \(threshold): 5%
          \(threshold) ...: 10%
        }
        plan payouts for s in sales {
          commission "Base": s.sales * rate(s.sales)
          bonus "Big" when s.sales >= $3_000: $100
        }
        """
    }

    @Test func movingAThresholdShowsWhoseStatementsChange() throws {
        let old = try RulesBinary.write(DiffCommandTests.version(threshold: "$2_000"), name: "old.rules")
        let new = try RulesBinary.write(DiffCommandTests.version(threshold: "$1_500"), name: "new.rules")
        let csv = try RulesBinary.write("id,sales\nava,1000\nben,1800\ncy,3000\n", name: "sales.csv")
        let result = try RulesBinary.run(["diff", old, new, "--data", "sales=\(csv)"])
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.output.contains("payouts: 1 of 3 subjects changed"))
        #expect(result.output.contains("ben       $90.00  $180.00  +$90.00  Base $90.00 → $180.00"))
        #expect(result.output.contains("TOTAL    $540.00  $630.00  +$90.00"))
        #expect(!result.output.contains("ava"))
    }

    @Test func jsonListsChangedLines() throws {
        let old = try RulesBinary.write(DiffCommandTests.version(threshold: "$2_000"), name: "old.rules")
        let new = try RulesBinary.write(DiffCommandTests.version(threshold: "$1_500"), name: "new.rules")
        let csv = try RulesBinary.write("id,sales\nben,1800\n", name: "sales.csv")
        let result = try RulesBinary.run(["diff", old, new, "--data", "sales=\(csv)", "--format", "json"])
        #expect(result.status == 0, "\(result.combined)")
        #expect(
            result.output.contains(
                "\"lines\": [{\"label\": \"Base\", \"old\": {\"amount\": 90.00, \"currency\": \"USD\"}, \"new\": {\"amount\": 180.00, \"currency\": \"USD\"}}]"
            ))
        #expect(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) is [Any])
    }

    @Test func needsTwoFiles() throws {
        #expect(try RulesBinary.run(["diff", "a.rules"]).status == 2)
    }
}

@Suite struct DeterminismTests {
    /// The same inputs give byte-identical output, in every format.
    @Test(arguments: ["table", "csv", "json", "html"])
    func twoRunsAreIdentical(_ format: String) throws {
        let arguments = ["run", "examples/hybrid-fee.rules", "--data", "creators=examples/data/creators.csv", "--format", format, "--explain"]
        let first = try RulesBinary.run(arguments), second = try RulesBinary.run(arguments)
        #expect(first.status == 0, "\(first.error)")
        #expect(!first.output.isEmpty)
        #expect(first.output == second.output)
    }
}
