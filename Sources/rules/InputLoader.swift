// Gathers a run's inputs: files from --data NAME=PATH, values from --set NAME=VALUE.

import CampaignRules
import Foundation

enum InputLoader {
    /// The inputs named on the command line, converted to what the program declares; nil
    /// (after printing why) when a data file has problems.
    static func inputs(from arguments: Arguments, for program: CompiledProgram) throws(UsageError) -> [String: Value]? {
        var inputs: [String: Value] = [:]
        for (name, path) in try arguments.pairs("--data") {
            guard let type = program.declaredType(ofInput: name) else {
                let hint = Suggestions.closest(to: name, among: program.inputs.map(\.name)).map { " (did you mean `\($0)`?)" } ?? ""
                throw UsageError(message: "--data \(name)=\(path): \(program.source.path) declares no input named `\(name)`\(hint)")
            }
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw UsageError(message: "--data \(name)=\(path): cannot read the file")
            }
            do throws(DataImportError) {
                inputs[name] = try DataImport.load(contentsOfFile: path, as: type, threads: program.limits.maximumThreads)
            } catch {
                Console.error(error.rendered)
                return nil
            }
        }
        for (name, text) in try arguments.pairs("--set") {
            guard let type = program.declaredType(ofInput: name) else {
                let hint = Suggestions.closest(to: name, among: program.inputs.map(\.name)).map { " (did you mean `\($0)`?)" } ?? ""
                throw UsageError(message: "--set \(name)=\(text): \(program.source.path) declares no input named `\(name)`\(hint)")
            }
            let value = program.parseValue(text)
            // `--set rate=12` on a Percent input would mean 1,200%: almost always a slip.
            if case .percent = type, case .number(let number) = value, number.magnitude.compare(.one) > 0 {
                throw UsageError(message: "--set \(name)=\(text): `\(name)` is a Percent, and \(text) would mean \(Value.percent(number)); write \(text)% for \(text) percent")
            }
            inputs[name] = value
        }
        return inputs
    }
}
