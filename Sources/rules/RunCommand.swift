// `rules run FILE`: evaluates outputs and plans with inputs from --data and --set, printed as
// tables, CSV, JSON or an HTML report, to the terminal or atomically to a file.

import CampaignRules
import Foundation

enum RunCommand {
    static let formats = ["table", "csv", "json", "ndjson", "html"]

    static func run(_ arguments: [String]) throws(UsageError) -> ExitStatus {
        let parsed = try Arguments(
            arguments, valued: Arguments.limitOptions.union(["--set", "--data", "--format", "--out", "--only", "--partition", "--stdin-format"]),
            flags: ["--help", "-h", "--explain", "--lines", "--stream"])
        if parsed.flags.contains("--help") {
            Console.output(Help.run)
            return .success
        }
        guard parsed.positionals.count == 1, let path = parsed.positionals.first else {
            if parsed.positionals.isEmpty { throw UsageError(message: "give the rule file to run") }
            throw Arguments.extraFiles(parsed.positionals, command: "run")
        }
        let limits = try parsed.limits()
        if parsed.flags.contains("--stream") {
            guard let (compilation, program) = try compiled(path, limits: limits) else { return .failure }
            let names = parsed.values["--only"]
            try validate(names, in: program, path: path)
            return try StreamCommand.run(parsed, path: path, compilation: compilation, program: program, names: names, limits: limits)
        }
        let format = try parsed.choice("--format", among: formats)
        let partition = try PartitionOption.parse(parsed)
        guard let (compilation, program) = try compiled(path, limits: limits) else { return .failure }
        let names = parsed.values["--only"]
        try validate(names, in: program, path: path)
        if format == "ndjson", (names ?? program.outputNames).count != 1 {
            throw UsageError(
                message: "--format ndjson writes one output's rows, a JSON value a line\n  fix: name the output with --only")
        }
        // Refused before the data is read; the split column is read even where nothing else reads it.
        var split: (input: String, field: String)?
        if partition != nil {
            guard let found = PartitionOption.split(program, printing: names, compilation: compilation) else { return .failure }
            split = found
        }
        guard
            var inputs = try InputLoader.inputs(
                from: parsed, for: program, keepingObservedFields: true, printing: names, skipping: partition == nil ? nil : split?.input)
        else { return .failure }
        if let partition, let split {
            guard let kept = try PartitionOption.load(partition, split: split, from: parsed, into: inputs, program: program, printing: names)
            else { return .failure }
            inputs = kept
        }
        reportRowsOutsideWindow(program, inputs)
        let explain = parsed.flags.contains("--explain")
        let destination = try parsed.single("--out")
        let results: [(name: String, value: Value)]
        do throws(RuntimeError) {
            results = try program.evaluateOutputs(names, inputs: inputs, limits: limits, explain: explain, partition: partition)
        } catch {
            Console.error(DiagnosticRenderer(source: compilation.source).render(error.located(in: compilation.source)))
            return .failure
        }
        UntilExit.keep(inputs, results)
        if results.isEmpty {
            Console.error("\(path) declares no `output` and no `plan`, so there is nothing to print")
        }
        if format == "html" {
            let source = ReportSource(name: path, bytes: compilation.source.bytes, settings: program.settings)
            return write(to: destination) { HTMLReport.write(results, source: source, explained: explain, to: $0) }
        }
        let lines = parsed.flags.contains("--lines")
        return write(to: destination) {
            OutputFormatter.write(
                results, format: format, explain: explain, lines: lines,
                currency: program.settings.currency, to: $0)
        }
    }

    /// The file compiled with its imports; nil after printing its static errors.
    static func compiled(_ path: String, limits: Limits) throws(UsageError) -> (Compilation, CompiledProgram)? {
        let compilation = Engine(limits: limits).compile(
            try SourceLoader.load(path, limits: limits), imports: SourceLoader.imports(of: path, limits: limits))
        guard let program = compilation.program else {
            CheckCommand.report(compilation)
            return nil
        }
        return (compilation, program)
    }

    /// Refuses an --only name the file does not declare, suggesting the closest.
    static func validate(_ names: [String]?, in program: CompiledProgram, path: String) throws(UsageError) {
        for name in names ?? [] where !program.declaredNames.contains(name) {
            let hint = Suggestions.closest(to: name, among: program.outputNames).map { " (did you mean `\($0)`?)" } ?? ""
            throw UsageError(message: "--only \(name): \(path) declares no output or plan named `\(name)`\(hint)")
        }
    }

    /// Says how many rows of the data lie outside the campaign's `effective` window when the
    /// file decides with `in_effect`: they are read, and the rules leave them out, but a run on
    /// the wrong month's export should not look like a quiet month.
    static func reportRowsOutsideWindow(_ program: CompiledProgram, _ inputs: [String: Value]) {
        guard let window = program.settings.effective else { return }
        for count in program.rowsOutsideEffectiveWindow(inputs) {
            Console.error(
                "note: \(count.outside) of \(count.rows) rows of `\(count.input)` have `\(count.field)` outside the campaign's effective window \(Value.date(window.lowerBound)) to \(Value.date(window.upperBound)); they are read, and `in_effect` is false for them"
            )
        }
    }

    /// Prints, or writes to the file (see `OutputFile`), what `body` writes, a chunk at a time:
    /// a reader never sees half a payout file, and a failed write is an error.
    static func write(to path: String?, _ body: (TextOutput) -> Void) -> ExitStatus {
        guard let path else {
            Console.stream(body)
            return .success
        }
        do throws(UsageError) {
            try OutputFile.write(to: path, body)
        } catch {
            Console.error("error: \(error.message)")
            return .failure
        }
        return .success
    }
}
