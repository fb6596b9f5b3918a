// `rules test FILE|DIR...`: runs test blocks; one line per failure, then "N passed, N failed".

import CampaignRules
import Foundation

enum TestCommand {
    static func run(_ arguments: [String]) throws(UsageError) -> ExitStatus {
        let parsed = try Arguments(arguments, valued: Arguments.limitOptions, flags: ["--help", "-h", "--verbose"])
        if parsed.flags.contains("--help") {
            Console.output(Help.test)
            return .success
        }
        guard !parsed.positionals.isEmpty else { throw UsageError(message: "give a rule file or a directory of them") }
        let limits = try parsed.limits()
        let engine = Engine(limits: limits)
        var passed = 0, failed = 0
        for path in try SourceLoader.expand(parsed.positionals) {
            let compilation = engine.compile(try SourceLoader.load(path, limits: engine.limits), imports: SourceLoader.imports(of: path, limits: limits))
            guard let program = compilation.program else {
                CheckCommand.report(compilation)
                Console.output("\(path): not run: the file has \(compilation.errors.count) error\(compilation.errors.count == 1 ? "" : "s")")
                failed += 1
                continue
            }
            let renderer = DiagnosticRenderer(source: compilation.source)
            for result in program.runTests(limits: limits) {
                if !result.passed {
                    failed += 1
                    for failure in result.failures { Console.output(failureLines(result.name, failure, renderer)) }
                } else {
                    passed += 1
                    if parsed.flags.contains("--verbose") { Console.output("PASS \(path): \(result.name)") }
                }
            }
        }
        Console.output("\(passed) passed, \(failed) failed")
        return failed == 0 ? .success : .failure
    }

    /// `path:line:col: FAIL "name": message (in `f`, called at line:col)` on one line, then
    /// the values of the expectation's parts, one a line.
    static func failureLines(_ name: String, _ failure: Diagnostic, _ renderer: DiagnosticRenderer) -> String {
        let header = renderer.header(failure)
        let location = header.prefix { $0 != " " }
        let parts = failure.notes.filter { $0.range == nil && $0.message.hasPrefix("`") }
        let calls = failure.notes.filter { !($0.range == nil && $0.message.hasPrefix("`")) }.map { note -> String in
            guard let range = note.range else { return note.message }
            let location = renderer.source.location(of: range.start)
            if note.message.hasSuffix(", called here") {
                return "\(note.message.replacingOccurrences(of: ", called here", with: "")) called at \(location)"
            }
            return "\(note.message) at \(location)"
        }
        let fix = failure.fix.map { " — fix: \($0)" } ?? ""
        let context = calls.isEmpty ? "" : " (" + calls.joined(separator: "; ") + ")"
        return "\(location) FAIL \"\(name)\": \(failure.message)\(context)\(fix)" + parts.map { "\n    " + $0.message }.joined()
    }
}
