// The machine-readable report writers: GitHub workflow-command and XML escaping, SARIF URIs and
// UTF-16 columns, and the JSON tree's layout.

import Foundation
import Testing

@testable import CampaignRules

#if canImport(FoundationXML)
    import FoundationXML
#endif

struct ReportFormatsTests {
    static func located(_ text: String, _ diagnostic: Diagnostic, path: String = "plan.rules") -> LocatedDiagnostic {
        LocatedDiagnostic(diagnostic, in: SourceFile(path: path, text: text))
    }

    @Test func githubEscapesTheMessageAndThePropertyValues() {
        let diagnostic = Diagnostic(
            .invalidNumber, at: SourceRange(start: 8, end: 11), "100% of\r\nit, or: this",
            notes: [.init("the other one", at: SourceRange(start: 0, end: 3))], fix: "write 1%")
        let command = CheckReport.githubCommand(Self.located("let a = 1,2\n", diagnostic, path: "C:dir,x%.rules"))
        #expect(
            command == "::error file=C%3Adir%2Cx%25.rules,line=1,col=9,endLine=1,endColumn=12,title=invalidNumber::"
                + "100%25 of%0D%0Ait, or: this (fix: write 1%25)%0Anote: C:dir,x%25.rules:1:1: the other one")
    }

    @Test func githubWritesAWarningAsAWarning() {
        let diagnostic = Diagnostic(.positionalKey, at: SourceRange(start: 0, end: 4), "no key", severity: .warning)
        #expect(
            CheckReport.githubCommand(Self.located("plan p\n", diagnostic)).hasPrefix(
                "::warning file=plan.rules,line=1,col=1,endLine=1,endColumn=5,title=positionalKey::"))
    }

    @Test func spansCountScalarsAndUTF16Units() {
        // `é` is one unit, `😀` two: the `x` after them is scalar column 4, UTF-16 column 5.
        let source = SourceFile(path: "u.rules", text: "\"é😀x\"\nsecond")
        let span = source.span(of: SourceRange(start: 7, end: 8))
        #expect([span.start.column, span.end.column, span.startUTF16Column, span.endUTF16Column] as [Int] == [4, 5, 5, 6])
        #expect(source.span(of: SourceRange(start: 10, end: 16)).start.description == "2:1")
    }

    @Test(arguments: [
        ("plan.rules", "/work", "plan.rules"), ("./dir/a b.rules", "/work", "dir/a%20b.rules"),
        ("/work/dir/x.rules", "/work", "dir/x.rules"), ("/work/dir/x.rules", "/work/", "dir/x.rules"),
        ("/elsewhere/é.rules", "/work", "file:///elsewhere/%C3%A9.rules"), ("../up#1.rules", "/work", "../up%231.rules"),
    ])
    func sarifURIsAreRelativeAndPercentEncoded(_ path: String, _ base: String, _ uri: String) {
        #expect(CheckReport.artifactURI(path, baseDirectory: base) == uri)
    }

    @Test func sarifPutsTheFixInTheMessageAndPropertiesAndNotesAsRelatedLocations() throws {
        let diagnostic = Diagnostic(
            .tierOverlap, at: SourceRange(start: 4, end: 5), "brackets overlap",
            notes: [.init("the other bracket", at: SourceRange(start: 0, end: 1)), .init("a remark", at: nil)],
            fix: "move one")
        let result = CheckReport.sarifResult(Self.located("a\nb\nc\n", diagnostic), ruleIndex: 0, baseDirectory: "/work")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(JSONTree.object([("r", result)]).text.utf8)) as? [String: Any])
        let sarif = try #require(object["r"] as? [String: Any])
        #expect((sarif["message"] as? [String: String])?["text"] == "brackets overlap (fix: move one)\nnote: a remark")
        #expect((sarif["properties"] as? [String: String])?["fix"] == "move one")
        let related = try #require(sarif["relatedLocations"] as? [[String: Any]])
        #expect(related.count == 1)
        #expect((related[0]["message"] as? [String: String])?["text"] == "the other bracket")
    }

    @Test func everyKindHasASummary() {
        #expect(DiagnosticKind.failedExpectation.summary.contains("expect"))
        #expect(!DiagnosticKind.undefinedName.summary.isEmpty)
    }

    @Test func jsonTreeIsIndentedInKeyOrderAndEscaped() {
        let tree = JSONTree.object([("b", .array([])), ("a", .array([.string("x\"\n"), .integer(1), .null])), ("c", .object([]))])
        #expect(tree.text == "{\n  \"b\": [],\n  \"a\": [\n    \"x\\\"\\n\",\n    1,\n    null\n  ],\n  \"c\": {}\n}")
    }

    @Test func secondsAreWrittenToTheMicrosecond() {
        #expect(TestReport.seconds(.microseconds(1_234_567)) == "1.234567")
        #expect(TestReport.seconds(.microseconds(42)) == "0.000042")
        #expect(TestReport.seconds(.zero) == "0.000000")
    }

    @Test func xmlEscapesMarkupLineBreaksAndForbiddenCharacters() throws {
        let text = "a<b>&\"c'\td\ne\r\u{1}\u{1B}\u{FFFF}"
        #expect(XMLText.attribute(text) == "a&lt;b&gt;&amp;&quot;c'&#9;d&#10;e&#13;␁␛\u{FFFD}")
        #expect(XMLText.content(text) == "a&lt;b&gt;&amp;\"c'\td\ne&#13;␁␛\u{FFFD}")
        #if canImport(FoundationXML) || os(macOS)
            let document = try XMLDocument(xmlString: "<r a=\"\(XMLText.attribute(text))\">\(XMLText.content(text))</r>", options: [])
            #expect(document.rootElement()?.attribute(forName: "a")?.stringValue == "a<b>&\"c'\td\ne\r␁␛\u{FFFD}")
            #expect(document.rootElement()?.stringValue == "a<b>&\"c'\td\ne\r␁␛\u{FFFD}")
        #endif
    }

    @Test func aTestWithAnErrorIsInErrorAndOneWithFailedExpectationsFailed() throws {
        let source = """
            let rate = 10%
            fn share(x) = x / 0
            test "fails" {
              expect rate == 20%
            }
            test "stops" {
              expect share(1) == 1
            }
            """
        let compilation = Engine().compile(SourceFile(path: "t.rules", text: source))
        let program = try #require(compilation.program)
        var report = TestReport()
        report.add(program.runTests(), of: compilation)
        #expect(report.files[0].cases.map(\.outcome) == [.failed, .error])
        #expect(report.files[0].cases.map(\.line) == [3, 6])
        #expect(report.files[0].cases[0].messages == ["t.rules:4:10: expected rate == 20%; left is 10%, right is 20%"])
    }
}
