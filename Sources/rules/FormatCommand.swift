// `rules fmt [--check] FILE|DIR...`: rewrites rule files in the canonical layout, or lists those
// that are not in it.

import CampaignRules
import Foundation

enum FormatCommand {
    static func run(_ arguments: [String]) throws(UsageError) -> ExitStatus {
        let parsed = try Arguments(arguments, valued: [], flags: ["--help", "-h", "--check"])
        if parsed.flags.contains("--help") {
            Console.output(Help.format)
            return .success
        }
        guard !parsed.positionals.isEmpty else { throw UsageError(message: "give the rule files (or directories) to format") }
        let checkOnly = parsed.flags.contains("--check")
        var unformatted: [String] = [], failed = false
        for path in try SourceLoader.expand(parsed.positionals) {
            let source = try SourceLoader.load(path, limits: .default)
            switch Formatter.format(source) {
            case .invalid(let errors):
                failed = true
                let renderer = DiagnosticRenderer(source: source)
                for error in errors { Console.error(renderer.render(error) + "\n") }
                Console.error("\(path): not formatted: fix the syntax errors first")
            case .formatted(let text):
                guard Array(text.utf8) != source.bytes else { continue }
                unformatted.append(path)
                if checkOnly { continue }
                do throws(UsageError) {
                    try OutputFile.write(Array(text.utf8), to: path)
                } catch {
                    Console.error("error: \(error.message)")
                    failed = true
                }
            }
        }
        if checkOnly {
            for path in unformatted { Console.output(path) }
            if !unformatted.isEmpty {
                Console.error(
                    "\(unformatted.count) file\(unformatted.count == 1 ? " is" : "s are") not formatted; run `rules fmt` on \(unformatted.count == 1 ? "it" : "them")"
                )
            }
            return unformatted.isEmpty && !failed ? .success : .failure
        }
        for path in unformatted { Console.output("formatted \(path)") }
        return failed ? .failure : .success
    }
}
