// The REPL's own commands, written with a leading colon: `:load`, `:data`, `:type`, `:quit` ...

import CampaignRules

/// A line starting with `:`, parsed.
enum MetaCommand: Equatable {
    case help, quit, explain, inputs, list, reset, test
    case load(path: String)
    case data(name: String, path: String)
    case set(name: String, value: String)
    case type(expression: String)

    /// Every command's name and the short names it answers to, in the order `:help` lists them.
    static let names: [(name: String, aliases: [String])] = [
        ("help", ["h", "?"]), ("quit", ["q", "exit"]), ("load", ["l"]), ("data", ["d"]), ("set", []),
        ("type", ["t"]), ("explain", ["e"]), ("inputs", ["i"]), ("list", ["ls"]), ("test", []), ("reset", []),
    ]

    /// The command a line names, or a message saying what is wrong with it.
    static func parse(_ line: String) -> Result<MetaCommand, UsageError> {
        var text = Substring(line.drop { $0 == " " || $0 == "\t" })
        guard text.first == ":" else { return .failure(UsageError(message: "commands start with `:`")) }
        text = text.dropFirst()
        let word = String(text.prefix { !$0.isWhitespace })
        let argument = text.dropFirst(word.count).trimmingSpaces()
        guard let name = names.first(where: { $0.name == word || $0.aliases.contains(word) })?.name else {
            let hint = Suggestions.closest(to: word, among: names.map(\.name)).map { " (did you mean `:\($0)`?)" } ?? ""
            return .failure(UsageError(message: "unknown command `:\(word)`\(hint); `:help` lists the commands"))
        }
        switch name {
        case "help": return .success(.help)
        case "quit": return .success(.quit)
        case "explain": return .success(.explain)
        case "inputs": return .success(.inputs)
        case "list": return .success(.list)
        case "reset": return .success(.reset)
        case "test": return .success(.test)
        case "load":
            guard !argument.isEmpty else { return .failure(UsageError(message: "`:load` needs a rule file: `:load FILE`")) }
            return .success(.load(path: argument))
        case "type":
            guard !argument.isEmpty else { return .failure(UsageError(message: "`:type` needs an expression: `:type EXPR`")) }
            return .success(.type(expression: argument))
        default:
            guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
                let example = name == "data" ? "`:data creators=examples/data/creators.csv`" : "`:set budget=$30_000`"
                return .failure(UsageError(message: "`:\(name)` takes NAME=\(name == "data" ? "PATH" : "VALUE"), such as \(example)"))
            }
            let key = String(argument[..<equals]).trimmingSpaces()
            let value = String(argument[argument.index(after: equals)...]).trimmingSpaces()
            return .success(name == "data" ? .data(name: key, path: value) : .set(name: key, value: value))
        }
    }
}

extension StringProtocol {
    /// The text without spaces and tabs at either end.
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
