// `rules check FILE...`: every static error of every file, without running anything.

import CampaignRules

enum CheckCommand {
    /// At most this many diagnostics are printed per file; the rest are counted.
    static let shownPerFile = 50

    /// The limits that bound a source; the evaluation ones mean nothing to a check.
    static let sourceLimitOptions: Set<String> = ["--max-nesting", "--max-nodes", "--max-literal-digits",
                                                   "--max-literal-exponent", "--max-source-size", "--max-imports"]

    static func run(_ arguments: [String]) throws(UsageError) -> ExitStatus {
        let parsed = try Arguments(arguments, valued: sourceLimitOptions, flags: ["--help", "-h"])
        if parsed.flags.contains("--help") {
            Console.output(Help.check)
            return .success
        }
        guard !parsed.positionals.isEmpty else { throw UsageError(message: "give at least one rule file to check") }
        let engine = Engine(limits: try parsed.limits())
        var errorCount = 0, warningCount = 0
        let paths = try SourceLoader.expand(parsed.positionals)
        for path in paths {
            // The process ends right after, so the trees need not be freed.
            let compilation = engine.check(try SourceLoader.load(path, limits: engine.limits), imports: SourceLoader.imports(of: path, limits: engine.limits),
                                           freeingTrees: false)
            report(compilation)
            errorCount += compilation.errors.count
            warningCount += compilation.diagnostics.count - compilation.errors.count
        }
        let files = paths.count == 1 ? "1 file" : "\(paths.count) files"
        let errors = errorCount == 0 ? "no errors" : "\(errorCount) error\(errorCount == 1 ? "" : "s")"
        // Warnings do not fail a check, but a summary that left them out would hide them.
        let warnings = warningCount == 0 ? "" : ", \(warningCount) warning\(warningCount == 1 ? "" : "s")"
        Console.output("checked \(files): \(errors)\(warnings)")
        return errorCount == 0 ? .success : .failure
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
