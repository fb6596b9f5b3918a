// Table-driven tests of the parser: source in, syntax tree (as an s-expression) out.

import Foundation
import Testing

@testable import CampaignRules

struct ParserTests {
    static func expression(_ text: String) -> String {
        let parsed = Parser.parse(SourceFile(path: "t", text: "let x = " + text))
        guard parsed.diagnostics.isEmpty, case .let(let binding)? = parsed.program.declarations.first else {
            return "errors: " + parsed.diagnostics.map(\.message).joined(separator: "; ")
        }
        return binding.value.dump
    }

    static func declarations(_ text: String) -> [String] {
        let parsed = Parser.parse(SourceFile(path: "t", text: text))
        return parsed.diagnostics.map { "error: " + $0.message } + parsed.program.declarations.map(\.dump)
    }

    @Test(arguments: [
        ("1 + 2 * 3", "(+ 1 (* 2 3))"),
        ("(1 + 2) * 3", "(* (+ 1 2) 3)"),
        ("1 - 2 - 3", "(- (- 1 2) 3)"),
        ("-a.b", "(- (. a b))"),
        ("-$100", "(- $100)"),
        ("a or b and not c", "(or a (and b (not c)))"),
        ("not a == b", "(not (== a b))"),
        ("a ?? 0 + 1", "(?? a (+ 0 1))"),
        ("x in [1, 2,]", "(in x [1 2])"),
        ("f(a, b)(c)", "errors: only a function or tier table can be called by name"),
        ("xs[0].name", "(. ([] xs 0) name)"),
        ("12.5%", "12.5%"),
        ("10k + 2.5M", "(+ 10000 2500000)"),
        ("€30 + £2", "(+ 30 EUR 2 GBP)"),
        ("2026-03-01", "2026-03-01"),
        ("{a: 1, b: \"t\",}", "{a: 1, b: \"t\"}"),
        ("if a then 1 else if b then 2 else 3", "(if a 1 (if b 2 3))"),
        ("xs where it > 1 select it * 2", "(select (where xs (> it 1)) (* it 2))"),
        ("xs sort by it.a desc, it.b take 2", "(take (sort xs (. it a) desc (. it b)) 2)"),
        ("xs where it.a > 1 and it.b < 2", "(where xs (and (> (. it a) 1) (< (. it b) 2)))"),
        ("allocate $10 across xs by it.w min $1 max $5 step $1", "(allocate $10 xs by (. it w) min $1 max $5 step $1)"),
        ("allocate $10 across xs greedy by -it.w", "(allocate $10 xs greedy (- (. it w)))"),
        ("allocate $10 across xs equally", "(allocate $10 xs equally)"),
        ("(1 +\n 2)", "(+ 1 2)"),
        ("[1,\n 2,\n]", "[1 2]"),
        ("a.in", "(. a in)"),
    ])
    func parsesExpressions(_ text: String, _ expected: String) {
        #expect(ParserTests.expression(text) == expected)
    }

    @Test func parsesWhenInBothForms() {
        #expect(ParserTests.expression("when {\n a < 1: 5%\n a < 2: 8%\n else: 10%\n}") == "(when ((< a 1) => 5%) ((< a 2) => 8%) (else 10%))")
        #expect(ParserTests.expression("when tier(c) {\n nano, micro: 1\n else: 2\n}") == "(when (tier c) (nano micro => 1) (else 2))")
    }

    @Test func parsesEveryDeclaration() {
        let source = """
            campaign "Spring" {
              currency: USD
              effective: 2026-03-01 to 2026-05-31
            }
            record Affiliate {
              id: Text
              refunds: Money = $0
              tags: list of Text
            }
            input affiliates: list of Affiliate
            let rate = 5%
            fn commission(a) = a.sales * rate
            fn expected(c) {
              let clicks = c.reach * 1.5%
              clicks * $48
            }
            tiers sales_rate {
              ..< $1_000: 5%
              $1_000 ..< $5_000: 8%
              $5_000 ...: 10%
            }
            plan payouts for a in affiliates {
              commission "Base": a.sales * sales_rate(a.sales)
              bonus "Kicker" when a.sales > $0: $250
              deduct "Refunds": a.refunds
              cap $5_000
              minimum $50
            }
            output top = affiliates take 5
            test "t" given affiliates = [], rate = 1% {
              let n = 1
              expect n == 1
            }
            """
        #expect(
            ParserTests.declarations(source) == [
                "campaign \"Spring\" currency=USD effective=2026-03-01",
                "record Affiliate id:Text refunds:Money=$0 tags:list<Text>",
                "input affiliates:list<Affiliate>",
                "let rate 5%",
                "fn commission(a) (* (. a sales) rate)",
                "fn expected(c) (let clicks (* (. c reach) 1.5%)) (* clicks $48)",
                "tiers sales_rate [ ..$1000 => 5%] [$1000 ..$5000 => 8%] [$5000 .. => 10%]",
                "plan payouts a affiliates (commission \"Base\" (* (. a sales) (sales_rate (. a sales)))) (bonus \"Kicker\" when (> (. a sales) $0) $250) (deduct \"Refunds\" (. a refunds)) (cap $5000) (minimum $50)",
                "output top (take affiliates 5)",
                "test \"t\" (given affiliates []) (given rate 1%) (let n 1) (expect (== n 1))",
            ])
    }

    @Test(arguments: [
        ("import \"shared/rates.rules\"\nlet x = 1", ["import \"shared/rates.rules\"", "let x 1"]),
        ("import \"a.rules\"\nimport \"b.rules\"", ["import \"a.rules\"", "import \"b.rules\""]),
        ("let import = 1", ["let import 1"]),
        ("let x = 1\nimport \"a.rules\"", ["error: an `import` must come before the file's other declarations", "let x 1"]),
        ("import a", ["error: expected a declaration, found a name"]),
    ])
    func parsesImports(_ text: String, _ expected: [String]) {
        #expect(ParserTests.declarations(text) == expected)
    }

    @Test func aNewLineEndsAStatementOutsideBrackets() {
        #expect(
            ParserTests.declarations("let a = 1\n+ 2") == [
                "error: a line cannot start with `+`: the statement above ended at its line break", "let a 1",
            ])
    }

    @Test func recoversToReportSeveralErrors() {
        let errors = Parser.parse(SourceFile(path: "t", text: "let a = (1 +\nlet b = 2\nlet c = * 3\nlet d = 4\n")).diagnostics
        #expect(errors.count == 2)
        #expect(errors.map(\.message).allSatisfy { $0.hasPrefix("expected an expression") })
    }

    @Test func pointsAtTheUnclosedBracket() throws {
        let source = SourceFile(path: "t", text: "let ok = 1\nlet broken = (1 +\nlet fine = 2\n")
        let error = try #require(Parser.parse(source).diagnostics.first)
        #expect(source.location(of: error.range.start).line == 3)
        #expect(error.notes.first?.message == "`(` opened here is not closed")
    }

    @Test(arguments: [
        ("let = 1", "expected a name"),
        ("let let = 1", "reserved word"),
        ("fn f(a) 1", "expected `=` or `{`"),
        ("tiers t {\n 5 : 1\n}", "expected `..<` or `...`"),
        ("plan p for a in xs {\n pay \"x\": 1\n}", "plan lines start with"),
        ("test \"t\" {\n 1 == 1\n}", "expected `expect` or `let`"),
        ("let a = 1 < 2 < 3", "comparisons do not chain"),
        ("let a = if x then 1", "`if` always has an `else`"),
        ("let r = {a: 1, a: 2}", "written twice"),
        ("let a = 1__0", "misplaced `_`"),
        ("let a = 1e99999", "out of range"),
        ("let d = 2026-02-30", "not a calendar date"),
        ("expect 1 == 1", "belongs inside a `test`"),
    ])
    func reportsSyntaxErrors(_ text: String, _ fragment: String) {
        let diagnostics = Parser.parse(SourceFile(path: "t", text: text)).diagnostics
        let all = diagnostics.map { $0.message + " " + ($0.fix ?? "") }.joined(separator: " | ")
        #expect(all.contains(fragment), "got: \(all)")
    }

    @Test func deepNestingIsALimitNotACrash() {
        let deep = String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)
        let diagnostics = Parser.parse(SourceFile(path: "t", text: "let a = " + deep)).diagnostics
        #expect(diagnostics.contains { $0.kind == .limitExceeded })
    }

    @Test func longOperatorChainsAreALimitNotACrash() {
        let chain = Array(repeating: "1", count: 300_000).joined(separator: "+")
        let diagnostics = Parser.parse(SourceFile(path: "t", text: "let a = " + chain)).diagnostics
        #expect(diagnostics.contains { $0.kind == .limitExceeded })
    }

    /// The node limit stops the parse with one error naming the flag, at the node that crossed it.
    @Test func nodeCountIsALimitWithOneError() throws {
        var limits = Limits.default
        limits.maximumNodes = 1_000
        let lines = (0..<400).map { "let v\($0) = \($0) + 1" }.joined(separator: "\n")
        let diagnostics = Parser.parse(SourceFile(path: "t", text: lines), limits: limits).diagnostics
        let error = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(error.kind == .limitExceeded && error.message.contains("--max-nodes"))
        // 3 nodes a line: the 1,001st node is on line 334 (0-based 333).
        #expect(SourceFile(path: "t", text: lines).location(of: error.range.start).line == 334)
        #expect(Parser.parse(SourceFile(path: "t", text: lines)).diagnostics.isEmpty)
        // Reached inside a function body, it is still the one error: no consequences reported.
        let body = "fn f(x) {\n" + (0..<50).map { "  let v\($0) = x + \($0)" }.joined(separator: "\n") + "\n  x\n}\nlet after = 1\n"
        limits.maximumNodes = 60
        let inBlock = Parser.parse(SourceFile(path: "t", text: body), limits: limits).diagnostics
        #expect(inBlock.count == 1 && inBlock.first?.message.contains("--max-nodes") == true, "\(inBlock.map(\.message))")
    }

    @Test(arguments: [
        ("1e999999", false), ("1e-999999", false), ("1e1000", true), ("1e1001", false), ("1e-1000", true),
        ("12345678901234567890123456789012345678901234567890", false), ("1234567890123456789012345678901234", true),
        ("0e5000", true), ("1.5e999k", false),
    ])
    func literalBounds(_ literal: String, _ accepted: Bool) {
        let diagnostics = Parser.parse(SourceFile(path: "t", text: "let a = " + literal)).diagnostics
        #expect(diagnostics.isEmpty == accepted, "\(literal): \(diagnostics.map(\.message))")
        if !accepted {
            #expect(diagnostics.contains { $0.kind == .limitExceeded && $0.message.contains("--max-literal-exponent") })
        }
    }

    @Test func literalLimitsAreSettable() {
        var limits = Limits.default
        limits.maximumLiteralDigits = 6
        limits.maximumLiteralExponent = 9
        let parse = { (text: String) in Parser.parse(SourceFile(path: "t", text: "let a = " + text), limits: limits).diagnostics }
        #expect(parse("123456").isEmpty && !parse("1234567").isEmpty)
        #expect(parse("1e9").isEmpty && !parse("1e10").isEmpty && !parse("$2_000_000_000").isEmpty)
        limits.maximumLiteralDigits = 99
        #expect(!parse(String(repeating: "9", count: 35)).isEmpty, "34 digits stay the most")
        // Beyond the number type's range the error names that range, not the larger setting.
        limits.maximumLiteralExponent = 7_000
        #expect(parse("1e6144").isEmpty)
        let beyond = parse("1e6145").map(\.message)
        #expect(beyond.count == 1 && beyond[0].contains("at most 34 significant digits and a power of ten within ±6144"), "\(beyond)")
    }
}

struct GrammarTests {
    /// Every rule in grammar/campaign-rules.ebnf is the doc comment of some parse function.
    @Test func grammarFileMatchesTheParser() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let grammar = try String(contentsOf: root.appendingPathComponent("grammar/campaign-rules.ebnf"), encoding: .utf8)
        var parserComments = ""
        for file in ["Parser.swift", "Parser+Declarations.swift", "Parser+Expressions.swift", "Parser+Literals.swift", "Lexer.swift"] {
            parserComments += try String(contentsOf: root.appendingPathComponent("Sources/CampaignRules/Syntax/" + file), encoding: .utf8)
        }
        let lexicalOnly: Set<String> = ["name", "letter", "money", "reserved", "digits", "number", "date", "timestamp", "hh", "text"]
        let ruleNames = grammar.split(separator: "\n").compactMap { line -> String? in
            let parts = line.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let first = line.first, first.isLetter else { return nil }
            return parts[0].trimmingCharacters(in: .whitespaces)
        }
        #expect(ruleNames.count > 40)
        for rule in ruleNames where !lexicalOnly.contains(rule) {
            #expect(parserComments.contains("/// \(rule) ="), "no parse function documents the rule `\(rule)`")
        }
    }
}
