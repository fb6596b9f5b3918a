// What `rules test` found in each file, in the shape its machine-readable formats write.

/// Every test of every file run, or the errors of a file that did not compile.
public struct TestReport: Sendable {
    /// How a test ended: every expectation held, one failed, or an error stopped it.
    public enum Outcome: String, Sendable {
        case passed, failed, error
    }

    /// One test: where it is, how it ended, and each failure as `rules test` words it
    /// (`path:line:col: message`, the calls it happened in, the fix, the parts' values).
    public struct Case: Sendable {
        public let name: String
        public let path: String
        public let line: Int
        public let outcome: Outcome
        public let messages: [String]
        /// The kind of the first failure (`failedExpectation`, `divisionByZero`); nil when it passed.
        public let failureKind: DiagnosticKind?
        public let duration: Duration
    }

    /// One file: its tests, or, when it did not compile, its errors and nothing run.
    public struct File: Sendable {
        public let path: String
        public let cases: [Case]
        public let compileErrors: [LocatedDiagnostic]
        /// The compile errors as the text output renders them, with excerpts.
        public let renderedErrors: String

        public var compiled: Bool { compileErrors.isEmpty }
        public var duration: Duration { cases.reduce(.zero) { $0 + $1.duration } }
        public func count(_ outcome: Outcome) -> Int { cases.count { $0.outcome == outcome } }
    }

    public private(set) var files: [File] = []

    public init() {}

    /// Adds a file whose tests ran.
    public mutating func add(_ results: [TestResult], of compilation: Compilation) {
        let renderer = DiagnosticRenderer(source: compilation.source)
        files.append(
            File(
                path: compilation.source.path, cases: results.map { TestReport.testCase($0, renderer) },
                compileErrors: [], renderedErrors: ""))
    }

    /// Adds a file that did not compile, so none of its tests ran.
    public mutating func addNotRun(_ compilation: Compilation) {
        files.append(
            File(
                path: compilation.source.path, cases: [],
                compileErrors: compilation.errors.map { LocatedDiagnostic($0, in: compilation.source) },
                renderedErrors: DiagnosticRenderer(source: compilation.source).render(compilation.errors)))
    }

    /// A test is in error when anything but an expectation stopped it: a runtime error or a limit.
    static func testCase(_ result: TestResult, _ renderer: DiagnosticRenderer) -> Case {
        let span = renderer.source.span(of: result.range)
        let outcome: Outcome =
            result.passed
            ? .passed
            : result.failures.allSatisfy { $0.kind == .failedExpectation } ? .failed : .error
        return Case(
            name: result.name, path: span.path, line: span.start.line, outcome: outcome,
            messages: result.failures.map(renderer.testFailureText), failureKind: result.failure?.kind,
            duration: result.duration)
    }

    public func count(_ outcome: Outcome) -> Int { files.reduce(0) { $0 + $1.count(outcome) } }
    public var notRunCount: Int { files.count { !$0.compiled } }
    public var duration: Duration { files.reduce(.zero) { $0 + $1.duration } }

    /// Seconds to the microsecond (a test often takes less than a millisecond), as JUnit's
    /// `time` and the JSON `duration` write them.
    static func seconds(_ duration: Duration) -> String {
        let microseconds = duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
        let fraction = String(microseconds % 1_000_000)
        return "\(microseconds / 1_000_000).\(String(repeating: "0", count: 6 - fraction.count))\(fraction)"
    }
}
