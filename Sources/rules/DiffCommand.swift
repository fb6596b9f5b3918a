// `rules diff OLD NEW`: what a contract change does to payouts, subject by subject, on the same data,
// as a table, CSV, JSON or an HTML report.

import CampaignRules

enum DiffCommand {
    static func run(_ arguments: [String]) throws(UsageError) -> ExitStatus {
        let parsed = try Arguments(
            arguments, valued: Arguments.limitOptions.union(["--set", "--data", "--format", "--out"]), flags: ["--help", "-h"])
        if parsed.flags.contains("--help") {
            Console.output(Help.diff)
            return .success
        }
        guard parsed.positionals.count == 2 else {
            let dataFile = parsed.positionals.first { DataImport.Format(path: $0) != nil }
            let hint = dataFile.map { "; to load \($0), write `--data NAME=\($0)`" } ?? ""
            throw UsageError(message: "`rules diff` takes two rule files: the old version, then the new\(hint)")
        }
        let format = try parsed.choice("--format", among: RunCommand.formats)
        let limits = try parsed.limits()
        let engine = Engine(limits: limits)
        var versions: [(program: CompiledProgram, results: [String: Value], source: ReportSource)] = []
        for path in parsed.positionals {
            let compilation = engine.compile(
                try SourceLoader.load(path, limits: engine.limits), imports: SourceLoader.imports(of: path, limits: limits))
            guard let program = compilation.program else {
                CheckCommand.report(compilation)
                return .failure
            }
            guard let inputs = try InputLoader.inputs(from: parsed, for: program) else { return .failure }
            do throws(RuntimeError) {
                let results = try program.evaluateOutputs(program.planNames, inputs: inputs, limits: limits)
                versions.append(
                    (
                        program, Dictionary(results.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first }),
                        ReportSource(name: path, bytes: compilation.source.bytes, settings: program.settings)
                    ))
            } catch {
                Console.error(DiagnosticRenderer(source: program.source).render(error.located(in: program.source)))
                return .failure
            }
        }
        let shared = versions[0].program.planNames.filter { versions[1].results[$0] != nil }
        guard !shared.isEmpty else {
            Console.error(
                "error: the two files share no plan by name (old: \(versions[0].program.planNames.joined(separator: ", ")); new: \(versions[1].program.planNames.joined(separator: ", ")))"
            )
            return .failure
        }
        let diffs = shared.compactMap { name -> PlanDiff? in
            guard let old = versions[0].results[name], let new = versions[1].results[name] else { return nil }
            return PlanDiff.compare(plan: name, old: old, new: new)
        }
        let destination = try parsed.single("--out")
        return RunCommand.write(to: destination) { output in
            switch format {
            case "csv": PlanDiff.writeCSV(diffs, to: output)
            case "json": output.write("[" + diffs.map(\.json).joined(separator: ",\n ") + "]\n")
            case "html": HTMLDiffReport.write(diffs, old: versions[0].source, new: versions[1].source, to: output)
            default: output.write(diffs.map(\.table).joined(separator: "\n\n") + "\n")
            }
        }
    }
}
