// Dispatches the subcommands and owns the exit codes.

import CampaignRules

/// Exit codes: 0 success, 1 rule errors or failed tests, 2 usage errors.
enum ExitStatus: Int32 {
    case success = 0
    case failure = 1
    case usage = 2
}

/// A mistake in how the command was called; printed with the subcommand's usage.
struct UsageError: Error {
    let message: String
    /// Usage errors exit with 2; a file that is valid to name but over a limit exits with 1,
    /// as any other error in a rule file does.
    var status: ExitStatus = .usage
}

enum RulesCommand {
    static let version = "0.1.0"

    /// How SARIF logs name this tool. The package has no published home yet, so the log names
    /// no `informationUri` (optional in SARIF) rather than an address that may not exist.
    static let sarifTool = SARIFTool(name: "rules", version: version)

    static let subcommands: [(name: String, summary: String)] = [
        ("check", "check rule files for errors without running them"),
        ("test", "run the test blocks in rule files"),
        ("run", "evaluate a rule file's outputs and plans"),
        ("fmt", "rewrite rule files in the canonical layout"),
        ("diff", "compare the payouts of two versions of a rule file on the same data"),
        ("repl", "an interactive session: declare rules, evaluate expressions"),
        ("lsp", "a language server for editors, on standard input and output"),
    ]

    /// Runs a subcommand; a write to standard output that failed (a full disk, `> /dev/full`)
    /// makes it fail too, whatever the subcommand found.
    static func main(_ arguments: [String]) -> ExitStatus {
        let status = dispatch(arguments)
        if let failure = Console.outputFailure {
            Console.error("error: cannot write to standard output: \(failure)")
            return status == .usage ? .usage : .failure
        }
        return status
    }

    private static func dispatch(_ arguments: [String]) -> ExitStatus {
        guard let first = arguments.first else {
            Console.error(Help.overview)
            return .usage
        }
        let rest = Array(arguments.dropFirst())
        do throws(UsageError) {
            switch first {
            case "--help", "-h", "help":
                Console.output(rest.first.flatMap(Help.text(for:)) ?? Help.overview)
                return .success
            case "--version":
                Console.output("rules \(version)")
                return .success
            case "check": return try CheckCommand.run(rest)
            case "test": return try TestCommand.run(rest)
            case "run": return try RunCommand.run(rest)
            case "fmt": return try FormatCommand.run(rest)
            case "diff": return try DiffCommand.run(rest)
            case "repl": return try ReplCommand.run(rest)
            case "lsp": return try LspCommand.run(rest)
            default:
                let names = subcommands.map(\.name)
                let hint = names.first { $0.hasPrefix(String(first.prefix(2))) }.map { " (did you mean `\($0)`?)" } ?? ""
                throw UsageError(message: "unknown command `\(first)`\(hint)")
            }
        } catch {
            Console.error("error: \(error.message)")
            if error.status == .usage {
                Console.error(Help.text(for: first) == nil ? "see `rules --help`" : "see `rules \(first) --help`")
            }
            return error.status
        }
    }
}
