// `--partition I/N` of `rules run`: which part of a split run this process computes.

import CampaignRules

enum PartitionOption {
    /// The partition --partition names, nil without it; a usage error unless it is `I/N`
    /// with whole numbers `N ≥ 1` and `0 ≤ I < N`.
    static func parse(_ parsed: Arguments) throws(UsageError) -> Partition? {
        guard let text = try parsed.single("--partition") else { return nil }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw UsageError(
                message:
                    "--partition \(text): expected INDEX/COUNT\n  fix: write it as two whole numbers, such as --partition 0/2 and --partition 1/2 for a run split in two"
            )
        }
        guard let partition = Partition(index: index, count: count) else {
            throw UsageError(
                message:
                    "--partition \(text): the count must be at least 1 and the index from 0 to one less than the count\n  fix: partitions are numbered from 0: a run split in \(max(count, 2)) is --partition 0/\(max(count, 2)) to --partition \(max(count, 2) - 1)/\(max(count, 2))"
            )
        }
        return partition
    }

    /// The input and column that split the run printing `names`; nil after printing why it cannot be split.
    static func split(_ program: CompiledProgram, printing names: [String]?, compilation: Compilation) -> (input: String, field: String)? {
        switch program.partitioning(printing: names) {
        case .unsafe(let problems):
            PartitionsCheck.printProblems(problems, of: compilation)
            Console.error("error: --partition needs a partition-safe run: see `rules check --partitions` and docs/scaling.md")
            return nil
        case .safe(let input, let field):
            return (input, field)
        }
    }

    /// The inputs with the split input's rows of this partition added, read from its --data
    /// files (rows of other partitions dropped before they are converted), after a note on
    /// stderr saying how many it kept; nil after printing a data file's problems. An input
    /// given by --set or its default is split once loaded.
    static func load(
        _ partition: Partition, split: (input: String, field: String), from parsed: Arguments, into inputs: [String: Value],
        program: CompiledProgram, printing names: [String]?
    ) throws(UsageError) -> [String: Value]? {
        var inputs = inputs
        let files = try InputLoader.dataFiles(parsed).filter { $0.0 == split.input }
        var keeping = program.observedFields(ofInput: split.input, printing: names)
        keeping?.insert(split.field)
        var (value, kept, rows): (Value?, Int, Int) = (nil, 0, 0)
        for (name, path) in files {
            guard let type = program.declaredType(ofInput: name) else { break }
            let source = try InputLoader.source(of: path, parsed)
            let loaded: (value: Value, rows: Int)
            do throws(DataImportError) {
                loaded = try DataImport.load(
                    contentsOfFile: source.path, format: source.format, as: type, limits: program.limits, keeping: keeping,
                    partition: partition, by: split.field)
            } catch {
                Console.error(error.rendered)
                return nil
            }
            value = try InputLoader.joined(value, loaded.value, name: name, path: path)
            if case .list(let list) = loaded.value { kept += list.count }
            rows += loaded.rows
        }
        if let value {
            inputs[split.input] = value
        } else {
            (inputs, kept, rows) = program.keeping(partition, of: inputs, input: split.input, field: split.field)
        }
        Console.error(
            "note: partition \(partition.index)/\(partition.count) keeps \(kept) of \(rows) rows of `\(split.input)`, split by `\(split.field)`")
        return inputs
    }
}
