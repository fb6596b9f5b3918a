// Table-driven tests of the resolver and checker: which errors a source produces, and where.

import Testing

@testable import CampaignRules

struct CheckerTests {
    /// Each error as `line:column kind: message`.
    static func errors(_ text: String) -> [String] {
        let source = SourceFile(path: "t", text: text)
        return Engine().compile(source).errors.map {
            "\(source.location(of: $0.range.start)) \($0.kind.rawValue): \($0.message)"
        }
    }

    @Test func acceptsAWellFormedProgram() {
        #expect(
            CheckerTests.errors(
                """
                record A {
                  id: Text
                  sales: Money
                }
                input xs: list of A
                let total = sum(xs.sales) + later
                let later = $5
                fn rate(a) = if a.sales > $100 then 5% else 3%
                output o = xs select rate(it) * it.sales
                """) == [])
    }

    @Test(arguments: [
        ("let a = 1\nlet b = sales_rat", "2:9 undefinedName: unknown name `sales_rat`"),
        ("let fee = $10\nlet t = fee + 5", "2:15 moneyWithNumber: cannot use money and a bare number 5 with `+`"),
        ("let t = $10 * $2", "1:9 moneyTimesMoney: cannot multiply money by money"),
        ("let t = $10 + €5", "1:9 mixedCurrencies: cannot combine $10.00 and €5.00, money in two currencies (USD and EUR)"),
        ("let n = 3\nlet t = $10 - n", "2:9 moneyWithNumber: cannot use money and a bare number with `-`"),
        ("let t = $10 > 5", "1:9 notComparable: cannot compare money with the bare number 5"),
        ("let t = \"a\" < 5", "1:9 notComparable: cannot compare Text and Number"),
        ("let t = 1 / 0", "1:9 divisionByZero: division by zero"),
        ("fn f(a) = a\nlet t = f(1, 2)", "2:9 arityMismatch: `f` takes 1 argument, given 2"),
        ("let t = round()", "1:9 arityMismatch: `round` takes 1 to 3 arguments, given 0"),
        ("let t = it", "1:9 misplacedIt: `it` means the current item, and only exists inside where, sort by, select, group by, running and allocate"),
        ("let a = 1\nlet a = 2", "2:5 duplicateDeclaration: `a` is already declared on line 1"),
        ("let sum = 1", "1:5 duplicateDeclaration: `sum` is a built-in function"),
        ("fn f(x) = f(x)", "1:4 recursion: `f` is recursive (f → f); functions may not call themselves, so every rule terminates"),
        ("let a = b\nlet b = a", "1:5 cyclicDefinition: `a` is defined in terms of itself (a → b → a)"),
        ("let a = 1\nlet b = a(2)", "2:9 notCallable: `a` is a value, not a function"),
        ("fn f(x) = x\nlet b = f", "2:9 notCallable: `f` is a function; call it with arguments"),
        ("let t = if 1 then 2 else 3", "1:12 typeMismatch: `if` needs true or false, found Number"),
        ("let t = [1] where it", "1:19 typeMismatch: `where` needs true or false, found Number"),
        ("input x: Nmber", "1:10 unknownType: unknown type `Nmber`"),
        ("campaign \"c\" {\n  curency: USD\n}", "2:3 unknownSetting: `curency` is not a campaign setting"),
        ("campaign \"c\" {\n  currency: XYZ\n}", "2:13 unknownSetting: `XYZ` is not a currency this language knows"),
        ("test \"t\" given nope = 1 {\n  expect true\n}", "1:16 undefinedName: `given` rebinds inputs, and `nope` is not an input"),
        ("let r = {a: 1}\nlet t = r.b", "2:11 unknownField: this record has no field `b`"),
        ("let t = 5.x", "1:11 notARecord: Number has no fields, so `.x` means nothing here"),
        ("let t = 1 ?? 2", "1:9 invalidOperand: `??` gives a default for a missing field or list item, and this is neither"),
        ("let t = marginal(5, $1)", "1:18 typeMismatch: marginal's first argument must name a tier table"),
    ])
    func reportsErrors(_ text: String, _ expected: String) {
        let errors = CheckerTests.errors(text)
        #expect(errors.contains { $0.hasPrefix(expected) }, "got \(errors)")
    }

    @Test func suggestsTheClosestName() throws {
        let diagnostic = try #require(Engine().compile(SourceFile(path: "t", text: "let sales_rate = 1\nlet r = sales_rat")).errors.first)
        #expect(diagnostic.message == "unknown name `sales_rat`; did you mean `sales_rate`?")
        #expect(diagnostic.fix == "write `sales_rate`")
    }

    @Test func unknownFieldOfADeclaredRecordSuggests() {
        let errors = CheckerTests.errors("record A {\n  sales: Money\n}\ninput xs: list of A\nlet t = sum(xs.sale)")
        #expect(errors == ["5:16 unknownField: `A` has no field `sale`; did you mean `sales`?"])
    }

    @Test func literalRecordsAllowDefaultsForMissingFields() {
        #expect(CheckerTests.errors("let r = {a: 1}\nlet t = r.b ?? 7") == [])
    }

    @Test func reportsEveryErrorSorted() {
        let errors = CheckerTests.errors("let a = x1 + 1\nlet b = 2\nlet c = x2 * 3\nlet d = $1 + 1")
        #expect(errors.count == 3)
        #expect(errors.map { $0.prefix(2) } == ["1:", "3:", "4:"])
    }

    @Test func mutualRecursionIsReportedOnce() {
        let errors = CheckerTests.errors("fn a(x) = b(x)\nfn b(x) = if x > 0 then a(x - 1) else 0")
        #expect(errors == ["1:4 recursion: `a` is recursive (a → b → a); functions may not call themselves, so every rule terminates"])
    }

    @Test func tierTablesAreCheckedForGapsOverlapsAndOrder() {
        #expect(
            CheckerTests.errors("tiers t {\n  ..< $10: 1%\n  $15 ..< $20: 2%\n  $20 ...: 3%\n}").first?
                .hasPrefix("3:3 tierGap: gap between the brackets `..< $10` and `$15 ..< $20`: amounts from $10.00 up to $15.00 match no bracket")
                == true)
        #expect(CheckerTests.errors("tiers t {\n  ..< $10: 1%\n  $5 ...: 2%\n}").first?.hasPrefix("3:3 tierOverlap") == true)
        #expect(CheckerTests.errors("tiers t {\n  $10 ..< $5: 1%\n}").first?.hasPrefix("2:3 tierOrder") == true)
        #expect(CheckerTests.errors("tiers t {\n  $5 ...: 1%\n  ..< $10: 2%\n}").contains { $0.contains("only the first bracket may be open below") })
    }
}
