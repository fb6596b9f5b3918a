// `rules check FILE...`: every static error of every file, without running anything.

import CampaignRules
import Foundation

enum CheckCommand {
    /// At most this many diagnostics are printed per file; the rest are counted.
    static let shownPerFile = 50

    /// The limits that bound a source; the evaluation ones mean nothing to a check.
    static let sourceLimitOptions: Set<String> = [
        "--max-nesting", "--max-nodes", "--max-literal-digits",
        "--max-literal-exponent", "--max-source-size", "--max-imports",
    ]

    /// `text` (the default) for people; the others for CI systems, every diagnostic uncapped.
    static let formats = ["text", "json", "github", "sarif"]

    static func run(_ arguments: [String]) throws(UsageError) -> ExitStatus {
        let parsed = try Arguments(arguments, valued: sourceLimitOptions.union(["--format", "--only"]), flags: ["--help", "-h", "--partitions"])
        if parsed.flags.contains("--help") {
            Console.output(Help.check)
            return .success
        }
        if parsed.flags.contains("--partitions") { return try PartitionsCheck.run(parsed) }
        if parsed.values["--only"] != nil { throw UsageError(message: "--only goes with --partitions\n  fix: add --partitions, or leave out --only") }
        let format = try parsed.choice("--format", among: formats)
        guard !parsed.positionals.isEmpty else { throw UsageError(message: "give at least one rule file to check") }
        let engine = Engine(limits: try parsed.limits())
        var checked = CheckReport(), errorCount = 0, warningCount = 0
        let paths = try SourceLoader.expand(parsed.positionals)
        for path in paths {
            // The process ends right after, so the trees need not be freed.
            let compilation = engine.check(
                try SourceLoader.load(path, limits: engine.limits), imports: SourceLoader.imports(of: path, limits: engine.limits),
                freeingTrees: false)
            // Text prints as it goes; the other formats keep the located diagnostics for the end.
            if format == "text" { report(compilation) } else { checked.add(compilation) }
            errorCount += compilation.errors.count
            warningCount += compilation.diagnostics.count - compilation.errors.count
        }
        let summary = summary(files: paths.count, errors: errorCount, warnings: warningCount)
        switch format {
        case "json": Console.output(checked.json.text)
        case "sarif": Console.output(checked.sarif(tool: RulesCommand.sarifTool, baseDirectory: FileManager.default.currentDirectoryPath).text)
        case "github":
            checked.githubCommands.forEach(Console.output)
            Console.output(summary)
        default: Console.output(summary)
        }
        return errorCount == 0 ? .success : .failure
    }

    /// `checked 2 files: 3 errors, 1 warning`.
    static func summary(files count: Int, errors errorCount: Int, warnings warningCount: Int) -> String {
        let files = count == 1 ? "1 file" : "\(count) files"
        let errors = errorCount == 0 ? "no errors" : "\(errorCount) error\(errorCount == 1 ? "" : "s")"
        // Warnings do not fail a check, but a summary that left them out would hide them.
        let warnings = warningCount == 0 ? "" : ", \(warningCount) warning\(warningCount == 1 ? "" : "s")"
        return "checked \(files): \(errors)\(warnings)"
    }

    /// Prints a compilation's diagnostics, capped per file.
    static func report(_ compilation: Compilation) {
        let renderer = DiagnosticRenderer(source: compilation.source)
        for diagnostic in compilation.diagnostics.prefix(shownPerFile) {
            Console.error(renderer.render(diagnostic) + "\n")
        }
        if compilation.diagnostics.count > shownPerFile {
            Console.error("\(compilation.source.path): \(compilation.diagnostics.count - shownPerFile) more diagnostics not shown")
        }
    }
}
