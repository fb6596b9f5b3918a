// Gathers a run's inputs from --set NAME=VALUE (values written as in a rule file).

import CampaignRules

enum InputLoader {
    /// The inputs named on the command line, converted to what the program declares; nil
    /// (after printing why) when one cannot be read.
    static func inputs(from arguments: Arguments, for program: CompiledProgram) throws(UsageError) -> [String: Value]? {
        var inputs: [String: Value] = [:]
        for (name, text) in try arguments.pairs("--set") { inputs[name] = program.parseValue(text) }
        return inputs
    }
}
