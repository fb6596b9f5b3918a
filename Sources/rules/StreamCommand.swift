// `rules run --stream`: one output computed as the split input's rows are read, and written as they are computed.

import CampaignRules

enum StreamCommand {
    static let formats = ["csv", "ndjson"]

    /// Streams the one output `names` picks over the --data files of the input the file's
    /// partitioning names (in order), writing each batch's rows as soon as they are computed.
    static func run(
        _ parsed: Arguments, path: String, compilation: Compilation, program: CompiledProgram, names: [String]?, limits: Limits
    ) throws(UsageError) -> ExitStatus {
        let format = try parsed.choice("--format", among: formats)
        if parsed.values["--partition"] != nil {
            throw UsageError(
                message:
                    "--stream and --partition cannot be combined\n  fix: to split a streamed run, split the data by key and stream each part (see docs/scaling.md)"
            )
        }
        let output = try onlyOutput(names, program, path: path)
        let split: Split
        switch program.partitioning(printing: [output]) {
        case .unsafe(let problems): return report(.notPartitionSafe(problems), compilation)
        case .safe(let input, let field): split = try Split(input: input, field: field, output: output, parsed, program)
        }
        guard let inputs = try InputLoader.inputs(from: parsed, for: program, printing: [output], skipping: split.input) else { return .failure }
        let explain = parsed.flags.contains("--explain")
        var run: StreamedRun
        do throws(StreamFailure) {
            let named = split.sources.map(\.path).joined(separator: " + ")
            run = try StreamedRun(program, printing: output, inputs: inputs, limits: limits, explain: explain, path: named)
        } catch {
            return report(error, compilation)
        }
        let writer = StreamWriter(format: format, explain: explain, currency: program.settings.currency)
        var stop: Stop?
        let body = { (out: TextOutput) -> Bool in
            stop = stream(&run, split, limits: limits, writer: writer, to: out)
            return stop == nil
        }
        if let destination = try parsed.single("--out") {
            try OutputFile.write(to: destination, body)
        } else {
            Console.stream { _ = body($0) }
        }
        return finish(stop, compilation)
    }

    /// The streamed input: its --data files in order, the column that groups its rows, and the
    /// fields to keep of its records.
    private struct Split {
        let input: String
        let field: String
        let sources: [(path: String, format: DataImport.Format?)]
        let keeping: Set<String>?

        init(input: String, field: String, output: String, _ parsed: Arguments, _ program: CompiledProgram) throws(UsageError) {
            let files = try InputLoader.dataFiles(parsed).filter { $0.0 == input }.map(\.1)
            guard !files.isEmpty else {
                throw UsageError(message: "--stream reads `\(input)` as it goes: give it with --data \(input)=FILE (or - for standard input)")
            }
            var sources: [(path: String, format: DataImport.Format?)] = []
            for file in files { sources.append(try InputLoader.source(of: file, parsed)) }
            var keeping = program.observedFields(ofInput: input, printing: [output])
            keeping?.insert(field)
            (self.input, self.field, self.sources, self.keeping) = (input, field, sources, keeping)
        }
    }

    /// The exit status, after printing what stopped the run, if anything did.
    private static func finish(_ stop: Stop?, _ compilation: Compilation) -> ExitStatus {
        switch stop {
        case .failure(let failure)?: return report(failure, compilation)
        case .columns(let message)?:
            Console.error("error: \(message)")
            return .failure
        case nil: return .success
        }
    }

    /// What stopped a streamed run part-way.
    private enum Stop {
        case failure(StreamFailure)
        case columns(String)
    }

    /// Feeds every batch of every file to the run and writes what it returns; what stopped it, if anything.
    private static func stream(_ run: inout StreamedRun, _ split: Split, limits: Limits, writer: StreamWriter, to output: TextOutput) -> Stop? {
        do throws(StreamFailure) {
            for source in split.sources {
                var batches = try data {
                    () throws(DataImportError) in
                    try RowBatches(contentsOfFile: source.path, format: source.format, as: run.inputType, limits: limits, keeping: split.keeping)
                }
                while let rows = try data({ () throws(DataImportError) in try batches.next() }), !output.failed {
                    for value in try run.feed(rows) { writer.write(value, to: output) }
                    if let mismatch = writer.mismatch { return .columns(mismatch) }
                }
            }
            let last = try run.finish()
            for value in last { writer.write(value, to: output) }
            if let mismatch = writer.mismatch { return .columns(mismatch) }
            writer.finish(last.last, to: output)
        } catch {
            return .failure(error)
        }
        return nil
    }

    /// What `body` reads, its data problems a stream failure.
    private static func data<T>(_ body: () throws(DataImportError) -> T) throws(StreamFailure) -> T {
        do throws(DataImportError) { return try body() } catch { throw .data(error) }
    }

    /// The output --only names, or the file's only one; a usage error for none or several.
    private static func onlyOutput(_ names: [String]?, _ program: CompiledProgram, path: String) throws(UsageError) -> String {
        let names = names ?? program.outputNames
        guard names.count == 1, let name = names.first else {
            throw UsageError(
                message:
                    "--stream prints one output or plan, and \(path) would print \(names.count): \(names.joined(separator: ", "))\n  fix: name the one to stream with --only, such as --only \(program.planNames.first ?? names.first ?? "NAME")"
            )
        }
        return name
    }

    private static func report(_ failure: StreamFailure, _ compilation: Compilation) -> ExitStatus {
        switch failure {
        case .notPartitionSafe(let problems):
            PartitionsCheck.printProblems(problems, of: compilation)
            Console.error("error: --stream needs an output computed a group at a time: see `rules check --partitions` and docs/scaling.md")
        case .data(let error):
            Console.error(error.rendered)
        case .evaluation(let error):
            Console.error(DiagnosticRenderer(source: compilation.source).render(error.located(in: compilation.source)))
        }
        return .failure
    }
}
