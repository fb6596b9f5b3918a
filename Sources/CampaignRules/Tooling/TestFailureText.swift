// The words of a failed test as `rules test` prints them, shared by its text, JSON and JUnit output.

extension DiagnosticRenderer {
    /// `path:line:col: FAIL "name": message (in `f`, called at line:col)` on one line, then
    /// the values of the expectation's parts, one a line.
    public func testFailureLine(_ name: String, _ failure: Diagnostic) -> String {
        "\(failureLocation(failure)) FAIL \"\(name)\": \(testFailureDetail(failure))"
    }

    /// The failure without the test's name: `path:line:col: message …` and the parts below.
    public func testFailureText(_ failure: Diagnostic) -> String {
        "\(failureLocation(failure)) \(testFailureDetail(failure))"
    }

    /// `path:line:col:` of where the failure happened, in whichever file that is.
    func failureLocation(_ failure: Diagnostic) -> String {
        "\(source.path(at: failure.range.start)):\(source.location(of: failure.range.start)):"
    }

    /// The message, the calls it happened in, the fix after `— fix:`, and each part's value on
    /// an indented line of its own. A note without a place that quotes code is a part; any
    /// other note is a call.
    func testFailureDetail(_ failure: Diagnostic) -> String {
        let isPart = { (note: Diagnostic.Note) in note.range == nil && note.message.hasPrefix("`") }
        let parts = failure.notes.filter(isPart)
        let calls = failure.notes.filter { !isPart($0) }.map { note -> String in
            guard let range = note.range else { return note.message }
            let location = source.location(of: range.start)
            if note.message.hasSuffix(", called here") {
                return "\(note.message.droppingSuffix(", called here")) called at \(location)"
            }
            return "\(note.message) at \(location)"
        }
        let fix = failure.fix.map { " — fix: \($0)" } ?? ""
        let context = calls.isEmpty ? "" : " (" + calls.joined(separator: "; ") + ")"
        return "\(failure.message)\(context)\(fix)" + parts.map { "\n    " + $0.message }.joined()
    }
}

extension String {
    /// The text without a suffix it ends with.
    fileprivate func droppingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
