// End-to-end tests of the machine-readable formats: `rules check --format json|github|sarif`
// and `rules test --format junit|json` are well formed, carry the fields CI systems read, and
// exit as the text output does.

import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct ReportFormatTests {
    /// Two errors; the first follows `é😀` on its line: 16 scalars, 17 UTF-16 units before it.
    static let badRules = "let a = \"é😀\" + nope\nfn f(a) = a\nlet b = f(1, 2)\n"

    static let testedRules = """
        let rate = 10%
        fn share(x) = x / 0
        test "passes <&\\"" {
          expect rate == 10%
        }
        test "fails" {
          expect rate == 20%
          expect rate > 50%
        }
        test "errors" {
          expect share(3) == 1
        }

        """

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func checkJSONHasEveryDiagnosticWithItsPlaceAndTheCounts() throws {
        let bad = try RulesBinary.write(Self.badRules, name: "bad.rules")
        let result = try RulesBinary.run(["check", "--format", "json", bad, "examples/quickstart.rules"])
        #expect(result.status == 1)
        #expect(result.error.isEmpty)
        let document = try Self.json(result.output)
        let files = try #require(document["files"] as? [[String: Any]])
        #expect(files.map { $0["path"] as? String } == [bad, "examples/quickstart.rules"])
        let diagnostics = try #require(files[0]["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 2)
        let first = diagnostics[0]
        #expect(first["severity"] as? String == "error")
        #expect(first["kind"] as? String == "undefinedName")
        #expect(first["message"] as? String == "unknown name `nope`")
        #expect(first["file"] as? String == bad)
        #expect([first["line"], first["column"], first["endLine"], first["endColumn"]].map { $0 as? Int } == [1, 16, 1, 20])
        #expect(first["notes"] as? [Any] != nil)
        #expect((first["fix"] as? String)?.contains("let nope") == true)
        #expect(diagnostics[1]["kind"] as? String == "arityMismatch")
        #expect((files[1]["diagnostics"] as? [Any])?.isEmpty == true)
        let counts = try #require(document["counts"] as? [String: Int])
        #expect(counts == ["files": 2, "errors": 2, "warnings": 0])
    }

    @Test func checkGitHubWritesOneEscapedCommandPerDiagnostic() throws {
        let bad = try RulesBinary.write(Self.badRules, name: "a,b:c%.rules")
        let result = try RulesBinary.run(["check", "--format", "github", bad])
        #expect(result.status == 1)
        let file = bad.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: ",", with: "%2C").replacingOccurrences(
            of: ":", with: "%3A")
        #expect(
            result.output.components(separatedBy: "\n") == [
                "::error file=\(file),line=1,col=16,endLine=1,endColumn=20,title=undefinedName::unknown name `nope` (fix: declare it with `let nope = ...` or `input nope: Type`)",
                "::error file=\(file),line=3,col=9,endLine=3,endColumn=16,title=arityMismatch::`f` takes 1 argument, given 2 (fix: call it as f(a))",
                "checked 1 file: 2 errors",
                "",
            ])
    }

    @Test func checkSARIFIsA210LogWithUTF16Columns() throws {
        let bad = try RulesBinary.write(Self.badRules, name: "bad.rules")
        let result = try RulesBinary.run(["check", "--format", "sarif", bad])
        #expect(result.status == 1)
        let log = try Self.json(result.output)
        #expect(log["$schema"] as? String == "https://json.schemastore.org/sarif-2.1.0.json")
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        #expect(run["columnKind"] as? String == "utf16CodeUnits")
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "rules")
        #expect(driver["version"] as? String != nil)
        #expect(driver["informationUri"] == nil, "no published home: the log invents no address")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let ruleIDs = rules.compactMap { $0["id"] as? String }
        #expect(ruleIDs == ["undefinedName", "arityMismatch"])
        #expect(rules.allSatisfy { (($0["shortDescription"] as? [String: Any])?["text"] as? String)?.isEmpty == false })
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 2)
        for (index, sarifResult) in results.enumerated() {
            #expect(ruleIDs.contains(sarifResult["ruleId"] as? String ?? ""))
            #expect(sarifResult["ruleIndex"] as? Int == index)
            #expect(sarifResult["level"] as? String == "error")
        }
        #expect(((results[0]["message"] as? [String: Any])?["text"] as? String)?.hasPrefix("unknown name `nope` (fix: ") == true)
        let location = try #require((results[0]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        let uri = try #require((location["artifactLocation"] as? [String: Any])?["uri"] as? String)
        #expect(uri.hasPrefix("file:///") && uri.hasSuffix("/bad.rules"))
        let region = try #require(location["region"] as? [String: Int])
        // The scalar column is 16; `😀` is two UTF-16 units, so SARIF's column is 17.
        #expect(region == ["startLine": 1, "startColumn": 17, "endLine": 1, "endColumn": 21])
    }

    #if canImport(FoundationXML) || os(macOS)
        @Test func testJUnitIsWellFormedWithCountsFailuresAndErrors() throws {
            let tested = try RulesBinary.write(Self.testedRules, name: "tested.rules")
            let bad = try RulesBinary.write(Self.badRules, name: "bad.rules")
            let result = try RulesBinary.run(["test", "--format", "junit", tested, bad])
            #expect(result.status == 1)
            let document = try XMLDocument(xmlString: result.output, options: [])
            let root = try #require(document.rootElement())
            #expect(root.name == "testsuites")
            #expect(["tests", "failures", "errors", "skipped"].map { root.attribute(forName: $0)?.stringValue } == ["4", "1", "2", "0"])
            let suites = root.elements(forName: "testsuite")
            #expect(suites.map { $0.attribute(forName: "name")?.stringValue } == [tested, bad])
            #expect(["tests", "failures", "errors"].map { suites[0].attribute(forName: $0)?.stringValue } == ["3", "1", "1"])
            #expect(suites[0].attribute(forName: "time")?.stringValue.flatMap(Double.init) != nil)
            let cases = suites[0].elements(forName: "testcase")
            #expect(cases.map { $0.attribute(forName: "name")?.stringValue } == ["passes <&\"", "fails", "errors"])
            #expect(cases.map { $0.attribute(forName: "line")?.stringValue } == ["3", "6", "10"])
            #expect(
                cases.allSatisfy { $0.attribute(forName: "classname")?.stringValue == tested && $0.attribute(forName: "file")?.stringValue == tested }
            )
            #expect(cases[0].children?.isEmpty ?? true)
            let failure = try #require(cases[1].elements(forName: "failure").first)
            #expect(failure.attribute(forName: "message")?.stringValue == "\(tested):7:10: expected rate == 20%; left is 10%, right is 20%")
            #expect(failure.attribute(forName: "type")?.stringValue == "failedExpectation")
            #expect(failure.stringValue?.contains("expected rate > 50%; left is 10%, right is 50%") == true)
            let error = try #require(cases[2].elements(forName: "error").first)
            #expect(error.attribute(forName: "type")?.stringValue == "divisionByZero")
            #expect(error.stringValue?.contains("division by zero (in `share` called at 11:10)") == true)
            let notRun = try #require(suites[1].elements(forName: "testcase").first?.elements(forName: "error").first)
            #expect(notRun.attribute(forName: "message")?.stringValue == "the file has 2 errors")
            #expect(notRun.stringValue?.contains("error: unknown name `nope`") == true)
        }
    #endif

    @Test func testJSONHasEachTestsOutcomeMessagesAndTheTotals() throws {
        let tested = try RulesBinary.write(Self.testedRules, name: "tested.rules")
        let bad = try RulesBinary.write(Self.badRules, name: "bad.rules")
        let result = try RulesBinary.run(["test", "--format", "json", tested, bad])
        #expect(result.status == 1)
        let document = try Self.json(result.output)
        let files = try #require(document["files"] as? [[String: Any]])
        #expect(files.map { $0["compiled"] as? Bool } == [true, false])
        let tests = try #require(files[0]["tests"] as? [[String: Any]])
        #expect(tests.map { $0["name"] as? String } == ["passes <&\"", "fails", "errors"])
        #expect(tests.map { $0["line"] as? Int } == [3, 6, 10])
        #expect(tests.map { $0["outcome"] as? String } == ["passed", "failed", "error"])
        #expect(tests.map { ($0["messages"] as? [String])?.count } == [0, 2, 1])
        #expect(tests.allSatisfy { $0["duration"] is Double || $0["duration"] is Int })
        #expect((files[1]["compileErrors"] as? [[String: Any]])?.map { $0["kind"] as? String } == ["undefinedName", "arityMismatch"])
        let totals = try #require(document["totals"] as? [String: Any])
        #expect(["tests", "passed", "failed", "errors", "filesNotRun"].map { totals[$0] as? Int } == [3, 1, 1, 1, 1])
    }

    /// Every format exits as the text output does: 0 when all is well, 1 for errors or failures.
    @Test(arguments: [
        ["check"], ["check", "--format", "json"], ["check", "--format", "github"], ["check", "--format", "sarif"],
        ["test"], ["test", "--format", "junit"], ["test", "--format", "json"],
    ])
    func exitCodesAreTheTextOutputs(_ command: [String]) throws {
        let passing = try RulesBinary.write("let rate = 10%\ntest \"holds\" {\n  expect rate == 10%\n}\n")
        let failing = try RulesBinary.write("let rate = 10%\ntest \"does not hold\" {\n  expect rate == 20%\n}\n")
        let erroring = try RulesBinary.write(Self.badRules)
        #expect(try RulesBinary.run(command + [passing]).status == 0)
        #expect(try RulesBinary.run(command + [erroring]).status == 1)
        if command[0] == "test" { #expect(try RulesBinary.run(command + [failing]).status == 1) }
    }

    @Test(arguments: [
        ("check", "--format takes text, json, github or sarif, found `xml`"),
        ("test", "--format takes text, junit or json, found `xml`"),
    ])
    func anUnknownFormatIsAUsageErrorListingTheChoices(_ command: String, _ message: String) throws {
        let result = try RulesBinary.run([command, "--format", "xml", "examples/quickstart.rules"])
        #expect(result.status == 2)
        #expect(result.error.contains("error: \(message)"))
    }
}
