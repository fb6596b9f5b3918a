// `rules check --partitions FILE`: whether a file's runs can be split into partitions of one input.

import CampaignRules

enum PartitionsCheck {
    static func run(_ parsed: Arguments) throws(UsageError) -> ExitStatus {
        guard parsed.positionals.count == 1, let path = parsed.positionals.first else {
            if parsed.positionals.isEmpty { throw UsageError(message: "give the rule file to check with --partitions") }
            throw Arguments.extraFiles(parsed.positionals, command: "check --partitions")
        }
        if parsed.values["--format"] != nil {
            throw UsageError(message: "--partitions prints text only\n  fix: leave out --format")
        }
        guard let (compilation, program) = try RunCommand.compiled(path, limits: try parsed.limits()) else { return .failure }
        let names = parsed.values["--only"]
        try RunCommand.validate(names, in: program, path: path)
        return report(program.partitioning(printing: names), of: compilation)
    }

    /// Prints the column to split by, or every problem (as `rules check` prints errors); the exit status.
    static func report(_ partitioning: Partitioning, of compilation: Compilation) -> ExitStatus {
        switch partitioning {
        case .safe(let input, let field):
            Console.output("partition-safe: statements are keyed by `\(field)` of `\(input)`; split the data by that column")
            return .success
        case .unsafe(let problems):
            printProblems(problems, of: compilation)
            Console.output("not partition-safe: \(problems.count) problem\(problems.count == 1 ? "" : "s")")
            return .failure
        }
    }

    /// Prints each problem as `rules check` prints an error.
    static func printProblems(_ problems: [Diagnostic], of compilation: Compilation) {
        let renderer = DiagnosticRenderer(source: compilation.source)
        for problem in problems { Console.error(renderer.render(problem) + "\n") }
    }
}
