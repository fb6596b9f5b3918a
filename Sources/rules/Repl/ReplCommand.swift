// `rules repl [FILE] [--data NAME=PATH]...`: an interactive session over the rules language.

import CampaignRules

enum ReplCommand {
    static func run(_ arguments: [String]) throws(UsageError) -> ExitStatus {
        let parsed = try Arguments(arguments, valued: Arguments.limitOptions.union(["--data", "--set"]), flags: ["--help", "-h"])
        if parsed.flags.contains("--help") {
            Console.output(Help.repl)
            return .success
        }
        guard parsed.positionals.count <= 1 else { throw Arguments.extraFiles(parsed.positionals, command: "repl") }
        let session = Session(limits: try parsed.limits())
        if let path = parsed.positionals.first {
            _ = try SourceLoader.load(path, limits: .default)
            let reply = session.load(path)
            guard !reply.failed else {
                for error in reply.errors { Console.error(error + "\n") }
                return .failure
            }
        }
        for (name, path) in try parsed.pairs("--data") {
            try requireInput(name, option: "--data \(name)=\(path)", in: session)
            let reply = session.loadData(name: name, path: path)
            guard !reply.failed else {
                for error in reply.errors { Console.error(error) }
                return .failure
            }
        }
        for (name, text) in try parsed.pairs("--set") {
            try requireInput(name, option: "--set \(name)=\(text)", in: session)
            let reply = session.setInput(name: name, text: text)
            guard !reply.failed else {
                for error in reply.errors { Console.error(error) }
                return .failure
            }
        }
        return ReplLoop(session: session, interactive: Terminal.isInteractive).run()
    }

    /// An option naming an input the file does not declare is a usage error, as for `rules run`.
    private static func requireInput(_ name: String, option: String, in session: Session) throws(UsageError) {
        guard session.program?.declaredType(ofInput: name) == nil else { return }
        let names = session.program?.inputs.map(\.name) ?? []
        let hint = Suggestions.closest(to: name, among: names).map { " (did you mean `\($0)`?)" } ?? ""
        let what = session.declarations.isEmpty ? "no rule file declares" : "the rule file declares no"
        throw UsageError(message: "\(option): \(what) input named `\(name)`\(hint)")
    }
}
