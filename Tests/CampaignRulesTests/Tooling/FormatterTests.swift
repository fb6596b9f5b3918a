// The formatter: canonical layout, comments kept, idempotent, meaning preserved.

import Foundation
import Testing

@testable import CampaignRules

struct FormatterTests {
    static func format(_ text: String) -> String {
        switch Formatter.format(SourceFile(path: "t.rules", text: text)) {
        case .formatted(let result): result
        case .invalid(let errors): "invalid: " + errors.map(\.message).joined(separator: "; ")
        }
    }

    @Test(arguments: [
        ("let   a=1+2*3", "let a = 1 + 2 * 3\n"),
        ("let xs=[1,2,3]", "let xs = [1, 2, 3]\n"),
        ("let n = 1_000 + 10k + $1_250.50 + 12.5%", "let n = 1_000 + 10k + $1_250.50 + 12.5%\n"),
        ("let r={a:1,b:\"x\"}", "let r = {a: 1, b: \"x\"}\n"),
        ("let t = -x.y", "let t = -x.y\n"),
        ("let t = not (a and b)", "let t = not (a and b)\n"),
        ("fn f(a,b)=a+b", "fn f(a, b) = a + b\n"),
        ("let q = xs where it>1 sort by it desc take 2 select it*2", "let q = xs where it > 1 sort by it desc take 2 select it * 2\n"),
        ("let a = allocate $10 across xs by it.w min $1 max $5", "let a = allocate $10 across xs by it.w min $1 max $5\n"),
        ("let c = a ?? b ?? 0", "let c = a ?? b ?? 0\n"),
    ])
    func normalizesSpacing(_ input: String, _ expected: String) {
        #expect(FormatterTests.format(input) == expected)
    }

    @Test func alignsTierBracketsAndPlanLines() {
        let input = """
            tiers rate {
            ..< $1_000: 5%
              $1_000 ..< $5_000:8%
                  $5_000 ...: 10%
            }
            plan p for a in xs {
            commission "Base": a.sales * rate(a.sales)
              bonus "Kicker" when a.sales > $100: $25
              deduct "Refunds":a.refunds
              cap $5_000
            }
            """
        #expect(
            FormatterTests.format(input) == """
                tiers rate {
                  ..< $1_000:        5%
                  $1_000 ..< $5_000: 8%
                  $5_000 ...:        10%
                }
                plan p for a in xs {
                  commission "Base":                  a.sales * rate(a.sales)
                  bonus "Kicker" when a.sales > $100: $25
                  deduct "Refunds":                   a.refunds
                  cap $5_000
                }

                """)
    }

    /// A plan's closing lines keep the order they were written in, `carry` among them.
    @Test func keepsCarryLines() {
        let input = """
            plan p for g in xs group by it.a {
              commission "Base":g.items.amount[0]
                cap   $500
              carry    brought   # last month's balances
              minimum $25
            }
            """
        #expect(
            FormatterTests.format(input) == """
                plan p for g in xs group by it.a {
                  commission "Base": g.items.amount[0]
                  cap $500
                  carry brought  # last month's balances
                  minimum $25
                }

                """)
    }

    @Test func keepsCommentsAndOneBlankLine() {
        let input = """
            # Header comment


            record A {
              id: Text   # the key
              sales: Money = $0 # net of tax
            }
            # before b
            let b = 2
            """
        #expect(
            FormatterTests.format(input) == """
                # Header comment

                record A {
                  id: Text           # the key
                  sales: Money = $0  # net of tax
                }
                # before b
                let b = 2

                """)
    }

    @Test func multiLineListsStayMultiLineWithTrailingCommasAndAlignedRecords() {
        let input = """
            let xs = [
              {id: "a", sales: $1}, # first
              {id: "bee", sales: $100}
            ]
            """
        #expect(
            FormatterTests.format(input) == """
                let xs = [
                  {id: "a",   sales: $1},  # first
                  {id: "bee", sales: $100},
                ]

                """)
    }

    @Test func allocationClausesKeepTheirLinesAndLongOnesBreak() {
        let input = """
            let a = allocate $10 across xs
                by it.w   min $1 max $5
                  step $1
            let b = allocate $10 across xs equally max $5
            let c = allocate budget_for_the_whole_launch across shortlisted_creators greedy by expected_return(it) min minimum_fee max maximum_fee
            """
        #expect(
            FormatterTests.format(input) == """
                let a = allocate $10 across xs
                  by it.w min $1 max $5
                  step $1
                let b = allocate $10 across xs equally max $5
                let c = allocate budget_for_the_whole_launch across shortlisted_creators
                  greedy by expected_return(it)
                  min minimum_fee
                  max maximum_fee

                """)
    }

    @Test func whenAndFunctionBodies() {
        let input = """
            fn rate(c) = when {c.sales < $1_000: 5%
            else: 8%}
            fn f(c) {
            let x = c.a
              x * 2
            }
            """
        #expect(
            FormatterTests.format(input) == """
                fn rate(c) = when {
                  c.sales < $1_000: 5%
                  else: 8%
                }
                fn f(c) {
                  let x = c.a
                  x * 2
                }

                """)
    }

    @Test func longQueriesBreakOneClausePerLine() {
        let input =
            "output top = affiliates where it.sales > $100 and it.platform == tiktok sort by it.sales desc, it.followers take 25 select {id: it.id, sales: it.sales}"
        let formatted = FormatterTests.format(input)
        #expect(
            formatted == """
                output top = affiliates
                  where it.sales > $100 and it.platform == tiktok
                  sort by it.sales desc, it.followers
                  take 25
                  select {id: it.id, sales: it.sales}

                """)
        #expect(FormatterTests.format(formatted) == formatted)
    }

    /// One condition a line (`where …` then `and …` lines), as the docs recommend, and an
    /// `if … else if … else` chain over lines stay so; they were joined into lines of 150 to
    /// 250 characters.
    @Test func clausePerLineLayoutsAreKept() {
        let written = """
            let picks = creators
              where it.sales > $100
                and it.platform == tiktok
                and it.followers > 10_000
              select it.id
            let rate = if n > 10 then 5%
              else if n > 5 then 3%
              else 1%

            """
        #expect(FormatterTests.format(written) == written)
    }

    /// A condition or an `if` chain too long for a line is broken the same way.
    @Test func longConditionsAndIfChainsBreakOneAPart() {
        let long = "fn bonus(c) = if c.sales > $10_000 then $500 else if c.sales > $5_000 then $250 else if c.sales > $1_000 then $100 else $0"
        #expect(
            FormatterTests.format(long) == """
                fn bonus(c) = if c.sales > $10_000 then $500
                  else if c.sales > $5_000 then $250
                  else if c.sales > $1_000 then $100
                  else $0

                """)
        let condition =
            "let ok = xs where it.sales > $100 and it.platform == tiktok and it.followers > 10_000 and it.followers < 1_000_000 and it.id != \"x\""
        #expect(
            FormatterTests.format(condition) == """
                let ok = xs
                  where it.sales > $100
                    and it.platform == tiktok
                    and it.followers > 10_000
                    and it.followers < 1_000_000
                    and it.id != "x"

                """)
    }

    @Test func aCommentInsideAnExpressionKeepsTheDeclarationAsWritten() {
        let input = "let total = (1 +\n  # the second term\n  2)\nlet   b=1\n"
        #expect(FormatterTests.format(input) == "let total = (1 +\n  # the second term\n  2)\nlet b = 1\n")
    }

    /// `rules fmt` formats the file named only: its imports stay as written, unread.
    @Test func keepsImportsAsTheyAre() {
        let input = "import \"shared/rates.rules\"\nimport \"../not/read.rules\"  # kept\n\nlet fee = $200 * rate\n"
        #expect(FormatterTests.format(input) == input)
        #expect(FormatterTests.format("import   \"a.rules\"\nlet x=1") == "import \"a.rules\"\nlet x = 1\n")
    }

    @Test func refusesFilesWithSyntaxErrors() {
        #expect(FormatterTests.format("let = 1").hasPrefix("invalid: expected a name"))
    }

    /// Every rule file of the repository and of the shared acceptance suite: formatting is
    /// idempotent, keeps every comment, and leaves the tests' results unchanged.
    @Test(arguments: FormatterTests.corpus())
    func idempotentAndMeaningPreserving(_ path: String) throws {
        let data = try #require(FileManager.default.contents(atPath: path))
        let source = SourceFile(path: path, bytes: [UInt8](data))
        guard case .formatted(let once) = Formatter.format(source) else { return }  // files with syntax errors on purpose
        let twice = FormatterTests.format(once)
        #expect(twice == once, "formatting \(path) twice changed it")
        let commentsBefore = Lexer.tokens(in: source).comments.map { source.text(in: $0).trimmingCharacters(in: .whitespaces) }
        let formattedSource = SourceFile(path: path, text: once)
        let commentsAfter = Lexer.tokens(in: formattedSource).comments.map { formattedSource.text(in: $0).trimmingCharacters(in: .whitespaces) }
        #expect(commentsAfter == commentsBefore, "comments changed in \(path)")
        let before = Engine().compile(source), after = Engine().compile(formattedSource)
        #expect(after.diagnostics.map(\.message) == before.diagnostics.map(\.message))
        if let original = before.program, let formatted = after.program {
            let results = (original.runTests().map { $0.passed }, formatted.runTests().map { $0.passed })
            #expect(results.0 == results.1, "test results changed in \(path)")
        }
    }

    /// The repository keeps its own rule files in the canonical layout (`rules fmt --check`);
    /// files with syntax errors on purpose cannot be formatted and are left out.
    @Test(arguments: FormatterTests.corpus().filter { !$0.contains("/shared/") })
    func repositoryFilesAreFormatted(_ path: String) throws {
        let data = try #require(FileManager.default.contents(atPath: path))
        guard case .formatted(let text) = Formatter.format(SourceFile(path: path, bytes: [UInt8](data))) else { return }
        #expect(Array(text.utf8) == [UInt8](data), "\(path) is not formatted; run `rules fmt \(path)`")
    }

    static func corpus() -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        var files: [String] = []
        for folder in ["examples", "Tests/Scripts", "../shared/acceptance"] {
            let base = root.appendingPathComponent(folder).standardizedFileURL
            let enumerator = FileManager.default.enumerator(atPath: base.path)
            while let relative = enumerator?.nextObject() as? String {
                if relative.hasSuffix(".rules") { files.append(base.appendingPathComponent(relative).path) }
            }
        }
        return files.sorted()
    }
}
