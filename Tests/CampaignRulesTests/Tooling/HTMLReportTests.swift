// The HTML report: well-formed (parsed as XML), every text escaped, nothing to fetch, the
// rule file's hash, statements capped with a count of the rest, and the same bytes every run.

import Foundation
import Testing

@testable import CampaignRules

#if canImport(FoundationXML)
    import FoundationXML
#endif

struct HTMLReportTests {
    static let rules = """
        campaign "Spring <launch> & \\"friends\\"" {
          currency: USD
          rounding: half_even
        }
        record Row {
          id: Text
          sales: Money
        }
        input rows: list of Row
        plan payouts for r in rows {
          commission "Base 'A'": r.sales * 10%
          bonus "Big <sale>" when r.sales > $500: $25
          minimum $5
        }
        output split = allocate $100 across rows by it.sales
        output paid = sum(payouts.total)
        """

    static func rows(_ count: Int) -> Value {
        .list(
            ValueList(
                (0..<count).map { index in
                    .record([
                        ("id", .text(index == 0 ? "<b>&\"'x" : "c\(index)")),
                        ("sales", .money(DecimalNumber(40 + index * 613 % 900), .usd)),
                    ])
                }))
    }

    static func report(rows count: Int, explain: Bool = false) throws -> (html: String, source: ReportSource) {
        let source = SourceFile(path: "spring.rules", text: rules)
        let program = try #require(Engine().compile(source).program)
        let results = try program.evaluateOutputs(inputs: ["rows": HTMLReportTests.rows(count)], explain: explain)
        let report = ReportSource(name: "spring.rules", bytes: source.bytes, settings: program.settings)
        return (TextOutput.collecting { HTMLReport.write(results, source: report, explained: explain, to: $0) }, report)
    }

    static func parse(_ html: String) throws -> XMLDocument {
        try XMLDocument(xmlString: html, options: [])
    }

    static func texts(_ document: XMLDocument, _ path: String) throws -> [String] {
        try document.nodes(forXPath: path).compactMap(\.stringValue)
    }

    @Test func escapesTheFiveCharactersAndControls() {
        #expect(HTMLText.escape(#"<a href="x">&'</a>"#) == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;")
        #expect(HTMLText.escape("plain €") == "plain €")
        #expect(HTMLText.escape("bell\u{7}") == "bell\u{FFFD}")
    }

    @Test func barLengthsAreWholePixelsFromDecimals() {
        let largest = DecimalNumber(400)
        #expect(BarChart.length(DecimalNumber(400), largest: largest, units: 400) == 400)
        #expect(BarChart.length(DecimalNumber(100), largest: largest, units: 400) == 100)
        #expect(BarChart.length(DecimalNumber(-100), largest: largest, units: 400) == 100)
        #expect(BarChart.length(DecimalNumber.parse("0.0001"), largest: largest, units: 400) == 1)
        #expect(BarChart.length(.zero, largest: largest, units: 400) == 0)
        #expect(BarChart.length(DecimalNumber(5), largest: nil, units: 400) == 0)
    }

    @Test func theRestOfTheBarsIsOneBar() {
        let bars = (1...60).map { BarChart.Bar(label: "k\($0)", amount: DecimalNumber($0), text: "") }
        let top = BarChart.top(bars, count: 50, restLabel: { "the other \($0)" }, describe: { $0.plainDescription })
        #expect(top.count == 51)
        #expect(top.first?.label == "k60")
        #expect(top.last?.label == "the other 10")
        #expect(top.last?.amount == DecimalNumber(55))
    }

    @Test func isWellFormedAndEscapesEveryText() throws {
        let (html, source) = try Self.report(rows: 3)
        let document = try Self.parse(html)
        #expect(try Self.texts(document, "//h1") == [#"Spring <launch> & "friends""#])
        #expect(try Self.texts(document, "//dd").contains(source.sha256))
        #expect(source.sha256 == SHA256.hex(Array(Self.rules.utf8)))
        let cells = try Self.texts(document, "//table[@class='statements']//td")
        #expect(cells.contains(#"<b>&"'x"#))
        #expect(try Self.texts(document, "//th").contains("Big <sale>"))
        #expect(try Self.texts(document, "//th").contains("Base 'A'"))
        #expect(!html.contains("<b>"))
        #expect(try Self.texts(document, "//tr[@class='total']/td").contains { $0.hasPrefix("$") })
    }

    @Test func fetchesNothing() throws {
        let (html, _) = try Self.report(rows: 3)
        #expect(!html.contains("http"))
        #expect(!html.contains("src="))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link"))
        let links = try Self.parse(html).nodes(forXPath: "//@href").compactMap(\.stringValue)
        #expect(!links.isEmpty)
        #expect(links.allSatisfy { $0.hasPrefix("#output-") })
    }

    @Test func sameBytesEveryRun() throws {
        #expect(try Self.report(rows: 40).html == Self.report(rows: 40).html)
    }

    @Test func listsTheFirstThousandStatementsAndCountsTheRest() throws {
        let (html, _) = try Self.report(rows: 1_250)
        let document = try Self.parse(html)
        #expect(try document.nodes(forXPath: "//table[@class='statements']/tr[td]").count == 1_000 + 1)
        #expect(html.contains("… and 250 more statements"))
        // The chart: 50 bars and the rest.
        #expect(try document.nodes(forXPath: "//*[local-name()='rect']").count >= 51)
        #expect(html.contains("the other 1,200"))
    }

    @Test func explanationsFoldUnderEachStatement() throws {
        let (plain, _) = try Self.report(rows: 3)
        #expect(!plain.contains("class=\"why\""))
        let (html, _) = try Self.report(rows: 3, explain: true)
        let document = try Self.parse(html)
        let reasons = try Self.texts(document, "//details/ul[@class='why']/li | //details/ul/li/ul[@class='why']/li")
        #expect(!reasons.isEmpty)
        #expect(try Self.texts(document, "//summary").allSatisfy { $0.hasSuffix("explained") })
    }

    @Test func allocationsShowBarsAndShares() throws {
        let (html, _) = try Self.report(rows: 3)
        let document = try Self.parse(html)
        let cells = try Self.texts(document, "//section[@id='output-split']//td")
        #expect(cells.contains("$100.00"))
        #expect(cells.contains("100.0%"))
        #expect(try document.nodes(forXPath: "//section[@id='output-split']//*[local-name()='rect']").count == 3)
    }
}
