// The editor analysis: hover, definition (also into imports), symbols, completion and fixes.

import Testing

@testable import CampaignRules

struct EditorAnalysisTests {
    static let text = """
        record Affiliate {
          id: Text
          sales: Money
        }
        enum Status { pending, approved }
        input affiliates: list of Affiliate = []
        let rate = 8%
        tiers bands {
          ..< $1_000: 5%
          $1_000 ...: 10%
        }
        fn fee(x: Money) = x * rate
        plan payouts for a in affiliates {
          commission "Base": a.sales * bands(a.sales)
        }
        output total = sum(payouts.total)
        test "zero" {
          expect total == $0
        }
        """

    static func analysis(_ text: String = text) -> EditorAnalysis {
        EditorAnalysis(SourceFile(path: "t.rules", text: text))
    }

    static func offset(of needle: String, in text: String = text, occurrence: Int = 1) -> Int {
        var from = text.startIndex, found = text.startIndex
        for _ in 0..<occurrence {
            found = text.range(of: needle, range: from..<text.endIndex)!.lowerBound
            from = text.index(after: found)
        }
        return text.utf8.distance(from: text.startIndex, to: found)
    }

    @Test func aCleanFileHasNoDiagnostics() {
        #expect(Self.analysis().diagnostics.isEmpty)
    }

    @Test func hoverShowsAConstantsValueATablesBracketsAndABuiltinsSignature() throws {
        let analysis = Self.analysis()
        let rate = try #require(analysis.hover(at: Self.offset(of: "rate", occurrence: 2) + 1))
        #expect(rate.contains("let rate: Percent = 8%"))
        let bands = try #require(analysis.hover(at: Self.offset(of: "bands(a")))
        #expect(bands.contains("..< $1_000: 5%"))
        let sum = try #require(analysis.hover(at: Self.offset(of: "sum(")))
        #expect(sum.contains("sum(list)") && sum.contains("The sum of a list's items"))
        let field = try #require(analysis.hover(at: Self.offset(of: "sales *") + 2))
        #expect(field.contains("sales: Money (USD)"))
        let local = try #require(analysis.hover(at: Self.offset(of: "x * rate")))
        #expect(local.contains("x: Money (USD)"))
    }

    @Test func definitionFindsGlobalsFieldsAndLocals() throws {
        let analysis = Self.analysis()
        let rate = try #require(analysis.definition(at: Self.offset(of: "rate", occurrence: 2)))
        #expect(rate.range.start == Self.offset(of: "rate") && rate.path == "t.rules")
        let field = try #require(analysis.definition(at: Self.offset(of: "sales *") + 1))
        #expect(field.range.start == Self.offset(of: "sales: Money"))
        let subject = try #require(analysis.definition(at: Self.offset(of: "a.sales")))
        #expect(subject.range.start == Self.offset(of: "a in"))
        #expect(analysis.definition(at: Self.offset(of: "sum(")) == nil)
    }

    @Test func definitionGoesIntoAnImportedFile() throws {
        let main = "import \"rates.rules\"\nlet paid = base_rate * 2\n"
        let rates = "# shared\nlet base_rate = 5%\n"
        let analysis = EditorAnalysis(
            SourceFile(path: "main.rules", text: main),
            imports: MemoryImportResolver(files: ["main.rules": main, "rates.rules": rates]))
        #expect(analysis.diagnostics.isEmpty)
        let target = try #require(analysis.definition(at: Self.offset(of: "base_rate", in: main)))
        #expect(target.path == "rates.rules")
        #expect(target.range.start == Self.offset(of: "base_rate", in: rates))
        #expect(String(decoding: target.fileBytes, as: UTF8.self) == rates)
    }

    @Test func symbolsListTheDeclarationsWithFieldsAndValues() {
        let symbols = Self.analysis().symbols
        #expect(symbols.map(\.name) == ["Affiliate", "Status", "affiliates", "rate", "bands", "fee", "payouts", "total", "zero"])
        #expect(symbols[0].children.map(\.name) == ["id", "sales"])
        #expect(symbols[1].children.map(\.name) == ["pending", "approved"])
        #expect(symbols[4].kind == .tierTable)
    }

    @Test func completionAfterADotListsTheRecordsFields() {
        let text = Self.text.replacingOccurrences(of: "a.sales * bands", with: "a. * bands")
        let offset = Self.offset(of: "a. *", in: text) + 2
        let labels = EditorAnalysis.completions(in: SourceFile(path: "t.rules", text: text), at: offset).map(\.label)
        #expect(labels == ["id", "sales"])
    }

    @Test func completionListsLocalsGlobalsBuiltinsAndEnumValues() {
        let text = Self.text.replacingOccurrences(of: "x * rate", with: "x * ra")
        let offset = Self.offset(of: "x * ra", in: text) + 6
        let found = EditorAnalysis.completions(in: SourceFile(path: "t.rules", text: text), at: offset)
        let labels = Set(found.map(\.label))
        #expect(labels.isSuperset(of: ["x", "rate", "affiliates", "sum", "approved", "tiktok", "fee"]))
        #expect(found.first?.label == "x")
    }

    @Test func misspelledNamesAndThousandsCommasCarryAReplacement() {
        let misspelled = Self.analysis("let rate = 1\nlet b = rat + 1\n").diagnostics
        #expect(misspelled.map(\.replacement) == ["rate"])
        let comma = Self.analysis("let b = 20,000\n").diagnostics
        #expect(comma.first?.replacement == "20_000")
    }

    @Test func theFilesTestsAreListedInOrder() {
        #expect(Self.analysis().tests.map(\.name) == ["zero"])
    }
}
