// `rules check FILE...`: every static error of every file, without running anything.

import CampaignRules
import Foundation

enum CheckCommand {
    /// At most this many diagnostics are printed per file; the rest are counted.
    static let shownPerFile = 50

    /// The limits that bound a source; the evaluation ones mean nothing to a check.
    static let sourceLimitOptions: Set<String> = ["--max-nesting", "--max-nodes", "--max-literal-digits",
                                                   "--max-literal-exponent", "--max-source-size", "--max-imports"]

    /// `text` (the default) for people; the others for CI systems, every diagnostic uncapped.
    static let formats = ["text", "json", "github", "sarif"]

    static func run(_ arguments: [String]) throws(UsageError) -> ExitStatus {
        let parsed = try Arguments(arguments, valued: sourceLimitOptions.union(["--format"]), flags: ["--help", "-h"])
        if parsed.flags.contains("--help") {
            Console.output(Help.check)
            return .success
        }
        let format = try parsed.choice("--format", among: formats)
        guard !parsed.positionals.isEmpty else { throw UsageError(message: "give at least one rule file to check") }
        let engine = Engine(limits: try parsed.limits())
        var checked = CheckReport()
        let paths = try SourceLoader.expand(parsed.positionals)
        for path in paths {
            // The process ends right after, so the trees need not be freed.
            let compilation = engine.check(try SourceLoader.load(path, limits: engine.limits), imports: SourceLoader.imports(of: path, limits: engine.limits),
                                           freeingTrees: false)
            if format == "text" { report(compilation) }
            checked.add(compilation)
        }
        switch format {
        case "json": Console.output(checked.json.text)
        case "sarif": Console.output(checked.sarif(tool: RulesCommand.sarifTool, baseDirectory: FileManager.default.currentDirectoryPath).text)
        case "github":
            checked.githubCommands.forEach(Console.output)
            Console.output(summary(checked, files: paths.count))
        default: Console.output(summary(checked, files: paths.count))
        }
        return checked.errorCount == 0 ? .success : .failure
    }

    /// `checked 2 files: 3 errors, 1 warning`.
    static func summary(_ checked: CheckReport, files count: Int) -> String {
        let files = count == 1 ? "1 file" : "\(count) files"
        let errors = checked.errorCount == 0 ? "no errors" : "\(checked.errorCount) error\(checked.errorCount == 1 ? "" : "s")"
        // Warnings do not fail a check, but a summary that left them out would hide them.
        let warnings = checked.warningCount == 0 ? "" : ", \(checked.warningCount) warning\(checked.warningCount == 1 ? "" : "s")"
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
