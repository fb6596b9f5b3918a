// `rules test --format json`: every file's tests, how each ended and why, then the totals.

extension TestReport {
    /// `{"files": [{"path", "compiled", "compileErrors": [...], "tests": [...]}], "totals": {...}}`;
    /// a file that did not compile has its errors, as `check --format json` writes them, and no tests.
    public var json: JSONTree {
        .object([
            (
                "files",
                .array(
                    files.map { file in
                        .object([
                            ("path", .string(file.path)),
                            ("compiled", .bool(file.compiled)),
                            ("compileErrors", .array(file.compileErrors.map(CheckReport.json))),
                            ("tests", .array(file.cases.map(TestReport.json))),
                        ])
                    })
            ),
            (
                "totals",
                .object([
                    ("tests", .integer(files.reduce(0) { $0 + $1.cases.count })),
                    ("passed", .integer(count(.passed))),
                    ("failed", .integer(count(.failed))),
                    ("errors", .integer(count(.error))),
                    ("filesNotRun", .integer(notRunCount)),
                    ("duration", .number(TestReport.seconds(duration))),
                ])
            ),
        ])
    }

    static func json(_ test: Case) -> JSONTree {
        .object([
            ("name", .string(test.name)),
            ("file", .string(test.path)),
            ("line", .integer(test.line)),
            ("outcome", .string(test.outcome.rawValue)),
            ("messages", .array(test.messages.map(JSONTree.string))),
            ("duration", .number(TestReport.seconds(test.duration))),
        ])
    }
}
