// Gathers a run's inputs: files from --data NAME=PATH, values from --set NAME=VALUE.

import CampaignRules
import Foundation

enum InputLoader {
    /// The inputs named on the command line, converted to what the program declares; nil
    /// (after printing why) when a data file has problems. With `keepingObservedFields`, a data
    /// file keeps only the fields that evaluating `printing` (nil: the outputs and plans) can
    /// observe, and `alsoKeeping`'s field of its input (the column a partitioned run splits by).
    /// `skipping` names an input left out (the one a streamed or partitioned run reads itself).
    static func inputs(
        from arguments: Arguments, for program: CompiledProgram, keepingObservedFields: Bool = false,
        printing: [String]? = nil, skipping: String? = nil
    ) throws(UsageError) -> [String: Value]? {
        var inputs: [String: Value] = [:]
        for (name, path) in try dataFiles(arguments) where name != skipping {
            guard let type = program.declaredType(ofInput: name) else { throw undeclared(name, "--data \(name)=\(path)", program) }
            let source = try source(of: path, arguments)
            let loaded: Value
            do throws(DataImportError) {
                let keeping = keepingObservedFields ? program.observedFields(ofInput: name, printing: printing) : nil
                loaded = try DataImport.load(
                    contentsOfFile: source.path, format: source.format, as: type, limits: program.limits, keeping: keeping)
            } catch {
                Console.error(error.rendered)
                return nil
            }
            inputs[name] = try joined(inputs[name], loaded, name: name, path: path)
        }
        for (name, text) in try arguments.pairs("--set") {
            let option = "--set \(name)=\(Excerpt.quoted(text).dropFirst().dropLast())"
            guard program.declaredType(ofInput: name) != nil else { throw undeclared(name, option, program) }
            if inputs[name] != nil {
                throw UsageError(message: "\(option): `\(name)` is already given by --data\n  fix: give each input once, by --data or by --set")
            }
            do throws(ValueError) {
                inputs[name] = try program.inputValue(text, for: name)
            } catch {
                throw UsageError(message: "\(option): \(error.message)" + (error.fix.map { "\n  fix: \($0)" } ?? ""))
            }
        }
        return inputs
    }

    /// The --data pairs, standard input (`-`) at most once: it can be read only once.
    static func dataFiles(_ arguments: Arguments) throws(UsageError) -> [(String, String)] {
        let pairs = try arguments.pairs("--data")
        if pairs.filter({ $0.1 == "-" }).count > 1 {
            throw UsageError(
                message: "--data: standard input (`-`) is given for more than one input\n  fix: give `-` once; name files for the others")
        }
        if try arguments.single("--stdin-format") != nil, !pairs.contains(where: { $0.1 == "-" }) {
            throw UsageError(message: "--stdin-format: no --data reads standard input\n  fix: give --data NAME=- for the input piped in")
        }
        return pairs
    }

    /// Where a --data path reads from: `-` is standard input, in the format --stdin-format
    /// names (CSV when it is not given); a file's format is its extension's.
    static func source(of path: String, _ arguments: Arguments) throws(UsageError) -> (path: String, format: DataImport.Format?) {
        guard path == "-" else { return (path, nil) }
        let name = try arguments.choice("--stdin-format", among: ["csv", "ndjson", "json"])
        return ("/dev/stdin", DataImport.Format(rawValue: name))
    }

    /// A list input given by several files is their rows in the order the files were named
    /// (last month's paid lines and this month's, say); any other input given twice is an
    /// error, never one value silently replacing the other.
    static func joined(_ earlier: Value?, _ loaded: Value, name: String, path: String) throws(UsageError) -> Value {
        guard let earlier else { return loaded }
        guard case .list(let first) = earlier, case .list(let more) = loaded else {
            throw UsageError(
                message:
                    "--data \(name)=\(path): `\(name)` is already given, and is not a list whose rows several files could share\n  fix: give `\(name)` once"
            )
        }
        return .list(ValueList(Array(first) + Array(more)))
    }

    private static func undeclared(_ name: String, _ option: String, _ program: CompiledProgram) -> UsageError {
        let hint = Suggestions.closest(to: name, among: program.inputs.map(\.name)).map { " (did you mean `\($0)`?)" } ?? ""
        return UsageError(message: "\(option): \(program.source.path) declares no input named `\(name)`\(hint)")
    }
}
