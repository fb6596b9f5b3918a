// `rules run FILE`: evaluates outputs and plans with inputs from --set, printed as tables or JSON.

import CampaignRules

enum RunCommand {
    static func run(_ arguments: [String]) throws(UsageError) -> ExitStatus {
        let parsed = try Arguments(arguments, valued: Arguments.limitOptions.union(["--set", "--format"]), flags: ["--help", "-h"])
        if parsed.flags.contains("--help") {
            Console.output(Help.run)
            return .success
        }
        guard parsed.positionals.count == 1, let path = parsed.positionals.first else {
            throw UsageError(message: parsed.positionals.isEmpty ? "give the rule file to run" : "`rules run` takes one rule file")
        }
        let format = try parsed.single("--format") ?? "table"
        guard ["table", "json"].contains(format) else { throw UsageError(message: "--format takes table or json, found `\(format)`") }
        let limits = try parsed.limits()
        let compilation = Engine(limits: limits).compile(try SourceLoader.load(path))
        guard let program = compilation.program else {
            CheckCommand.report(compilation)
            return .failure
        }
        var inputs: [String: Value] = [:]
        for (name, text) in try parsed.pairs("--set") { inputs[name] = program.parseValue(text) }
        do throws(RuntimeError) {
            let results = try program.evaluateOutputs(inputs: inputs, limits: limits)
            if results.isEmpty {
                Console.error("\(path) declares no `output` and no `plan`, so there is nothing to print")
            }
            Console.output(format == "json" ? OutputFormatter.json(results) : OutputFormatter.table(results))
            return .success
        } catch {
            Console.error(DiagnosticRenderer(source: compilation.source).render(error.located(in: compilation.source)))
            return .failure
        }
    }
}
