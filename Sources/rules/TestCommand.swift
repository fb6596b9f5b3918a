// `rules test FILE|DIR...`: runs test blocks; one line per failure, then "N passed, N failed".

import CampaignRules
import Foundation

enum TestCommand {
    /// `text` (the default) for people; `junit` and `json` for CI systems.
    static let formats = ["text", "junit", "json"]

    static func run(_ arguments: [String]) throws(UsageError) -> ExitStatus {
        let parsed = try Arguments(arguments, valued: Arguments.limitOptions.union(["--format"]), flags: ["--help", "-h", "--verbose"])
        if parsed.flags.contains("--help") {
            Console.output(Help.test)
            return .success
        }
        let format = try parsed.choice("--format", among: formats)
        guard !parsed.positionals.isEmpty else { throw UsageError(message: "give a rule file or a directory of them") }
        let limits = try parsed.limits()
        let engine = Engine(limits: limits)
        var report = TestReport()
        for path in try SourceLoader.expand(parsed.positionals) {
            let compilation = engine.compile(
                try SourceLoader.load(path, limits: engine.limits), imports: SourceLoader.imports(of: path, limits: limits))
            guard let program = compilation.program else {
                if format == "text" { printNotRun(compilation) }
                report.addNotRun(compilation)
                continue
            }
            let results = program.runTests(limits: limits)
            if format == "text" { printResults(results, compilation, verbose: parsed.flags.contains("--verbose")) }
            report.add(results, of: compilation)
        }
        // A file that did not compile counts as one failed test, as it always has.
        let passed = report.count(.passed), failed = report.count(.failed) + report.count(.error) + report.notRunCount
        switch format {
        case "junit": Console.output(report.junitXML)
        case "json": Console.output(report.json.text)
        default: Console.output("\(passed) passed, \(failed) failed")
        }
        return failed == 0 ? .success : .failure
    }

    static func printNotRun(_ compilation: Compilation) {
        CheckCommand.report(compilation)
        let count = compilation.errors.count
        Console.output("\(compilation.source.path): not run: the file has \(count) error\(count == 1 ? "" : "s")")
    }

    /// A line for each failure of each failed test; with `verbose`, a line for each test that passed.
    static func printResults(_ results: [TestResult], _ compilation: Compilation, verbose: Bool) {
        let renderer = DiagnosticRenderer(source: compilation.source)
        for result in results {
            if !result.passed {
                for failure in result.failures { Console.output(renderer.testFailureLine(result.name, failure)) }
            } else if verbose {
                Console.output("PASS \(compilation.source.path): \(result.name)")
            }
        }
    }
}
