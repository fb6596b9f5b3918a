// `rules test --format junit`: the tests as the JUnit XML that CI systems (GitHub, GitLab,
// Jenkins) read: a suite a file, a case a test, a failure or an error for each that did not pass.

extension TestReport {
    /// The document (without a final line break): `<testsuites>` with a `<testsuite>` a file and a `<testcase>` a test. A failed expectation
    /// is a `<failure>`, a test stopped by an error an `<error>`; a file that does not compile is
    /// one case in error, as the text output counts it as one failed test. No test is skipped.
    public var junitXML: String {
        var lines = [#"<?xml version="1.0" encoding="UTF-8"?>"#]
        let tests = files.reduce(0) { $0 + TestReport.caseCount($1) }
        let errors = count(.error) + notRunCount
        lines.append(
            "<testsuites name=\"rules test\" tests=\"\(tests)\" failures=\"\(count(.failed))\" errors=\"\(errors)\""
                + " skipped=\"0\" time=\"\(TestReport.seconds(duration))\">")
        for file in files { lines += TestReport.junitSuite(file) }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n")
    }

    /// A file's cases count one for a file that did not compile.
    static func caseCount(_ file: File) -> Int { file.compiled ? file.cases.count : 1 }

    static func junitSuite(_ file: File) -> [String] {
        let path = XMLText.attribute(file.path)
        let errors = file.compiled ? file.count(.error) : 1
        var lines = [
            "  <testsuite name=\"\(path)\" tests=\"\(caseCount(file))\" failures=\"\(file.count(.failed))\" errors=\"\(errors)\""
                + " skipped=\"0\" time=\"\(seconds(file.duration))\">"
        ]
        if !file.compiled {
            let count = file.compileErrors.count, line = file.compileErrors.first?.span.start.line ?? 1
            let summary = "the file has \(count) error\(count == 1 ? "" : "s")"
            lines.append(
                "    <testcase name=\"\(XMLText.attribute("not run: " + summary))\" classname=\"\(path)\" file=\"\(path)\" line=\"\(line)\" time=\"0.000000\">"
            )
            lines.append(
                "      <error message=\"\(XMLText.attribute(summary))\" type=\"compileError\">\(XMLText.content(file.renderedErrors))</error>")
            lines.append("    </testcase>")
        }
        for test in file.cases { lines += junitCase(test, suite: path) }
        lines.append("  </testsuite>")
        return lines
    }

    /// A case; a failure's `message` is the first line of its first failure, its text every failure in full.
    static func junitCase(_ test: Case, suite: String) -> [String] {
        let open =
            "    <testcase name=\"\(XMLText.attribute(test.name))\" classname=\"\(suite)\" file=\"\(XMLText.attribute(test.path))\""
            + " line=\"\(test.line)\" time=\"\(seconds(test.duration))\""
        guard test.outcome != .passed else { return [open + "/>"] }
        let element = test.outcome == .failed ? "failure" : "error"
        let message = test.messages.first.map { String($0.prefix { $0 != "\n" }) } ?? ""
        let type = test.failureKind?.rawValue ?? element
        return [
            open + ">",
            "      <\(element) message=\"\(XMLText.attribute(message))\" type=\"\(type)\">"
                + "\(XMLText.content(test.messages.joined(separator: "\n")))</\(element)>",
            "    </testcase>",
        ]
    }
}
