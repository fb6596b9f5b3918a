// `rules run --format html` and `rules diff --format html` on the bundled examples: a page that
// parses, names the rule file by its SHA-256 as `sha256sum` computes it, and holds every
// statement and total the table holds.

import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct HTMLCommandTests {
    static let monthEnd = ["examples/month-end.rules", "--data", "conversions=examples/data/conversions.csv"]

    /// The page written by `rules run … --format html --out FILE`, parsed.
    static func report(_ arguments: [String]) throws -> (text: String, document: XMLDocument) {
        let target = try RulesBinary.write("", name: "report.html")
        let result = try RulesBinary.run(arguments + ["--format", "html", "--out", target])
        #expect(result.status == 0, "\(result.combined)")
        let text = try String(contentsOfFile: target, encoding: .utf8)
        return (text, try XMLDocument(xmlString: text, options: []))
    }

    /// `sha256sum FILE`'s digest: an implementation other than the package's.
    static func sha256sum(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", path]
        process.currentDirectoryURL = RulesBinary.packageRoot
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(output.prefix(64))
    }

    static func texts(_ document: XMLDocument, _ path: String) throws -> [String] {
        try document.nodes(forXPath: path).compactMap(\.stringValue)
    }

    @Test func runReportHoldsEveryStatementAndTotal() throws {
        let (text, document) = try Self.report(["run"] + Self.monthEnd)
        let table = try RulesBinary.run(["run"] + Self.monthEnd + ["--only", "payouts"])
        let keys = table.output.split(separator: "\n").dropFirst(3).dropLast().map { String($0.split(separator: " ")[0]) }
        #expect(keys == ["AFF-101", "AFF-102", "AFF-104", "AFF-103", "AFF-105"])
        let cells = try Self.texts(document, "//section[@id='output-payouts']//td")
        for key in keys { #expect(cells.contains(key)) }
        for total in ["$200.76", "$83.50", "$500.00", "$42.14", "$0.00", "$826.40", "-$75.27", "-$23.48"] { #expect(cells.contains(total)) }
        #expect(try Self.texts(document, "//h1") == ["Northtrail affiliates, March 2026"])
        let facts = try Self.texts(document, "//dd")
        #expect(facts.contains("examples/month-end.rules"))
        #expect(facts.contains(try Self.sha256sum("examples/month-end.rules")))
        #expect(facts.contains("America/New_York"))
        #expect(!text.contains("http") && !text.contains("src=") && !text.contains("<script"))
        #expect(try Self.texts(document, "//@href").allSatisfy { $0.hasPrefix("#") })
    }

    @Test func explainedLinesUnfold() throws {
        let (_, document) = try Self.report(["run"] + Self.monthEnd + ["--explain", "--only", "payouts"])
        let summaries = try Self.texts(document, "//summary")
        #expect(summaries.count == 5)
        #expect(summaries.contains("11 lines, explained"))
        #expect(try !Self.texts(document, "//ul[@class='why']/li").isEmpty)
    }

    @Test func standardOutputTakesTheSamePage() throws {
        let (text, _) = try Self.report(["run"] + Self.monthEnd)
        let result = try RulesBinary.run(["run"] + Self.monthEnd + ["--format", "html"])
        #expect(result.status == 0)
        #expect(result.output == text)
    }

    @Test func diffReportShowsTheChanges() throws {
        let old = "docs/examples/threshold-old.rules", new = "docs/examples/threshold-new.rules"
        let (text, document) = try Self.report(["diff", old, new, "--data", "creators=examples/data/creators.csv"])
        let cells = try Self.texts(document, "//section[@id='output-payouts']//td")
        for subject in ["c003", "c011", "c078", "c153", "c236", "c243"] { #expect(cells.contains(subject)) }
        for amount in ["$49,891.94", "$50,416.34", "+$524.40", "+$86.47"] { #expect(cells.contains(amount)) }
        #expect(try Self.texts(document, "//li").contains("Refunds: -$2.66 → -$3.33"))
        let hashes = try Self.texts(document, "//table[@class='facts']//tr[td[1]='SHA-256']/td")
        #expect(hashes == ["SHA-256", try Self.sha256sum(old), try Self.sha256sum(new)])
        #expect(!text.contains("http"))
    }

    @Test func unknownFormatNamesHTML() throws {
        let result = try RulesBinary.run(["run"] + Self.monthEnd + ["--format", "pdf"])
        #expect(result.status == 2)
        #expect(result.error.contains("table, csv, json, ndjson or html"))
    }
}
