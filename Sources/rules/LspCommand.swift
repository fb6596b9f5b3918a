// `rules lsp`: the language server, speaking the Language Server Protocol on standard input and output.

import CampaignRules
import Foundation

enum LspCommand {
    /// The largest message the server reads: a rule file at the source size limit, escaped as
    /// JSON (which may double it), with room for the rest of the message.
    static let maximumMessageLength = 2 * Limits.default.maximumSourceSize + 65536

    static func run(_ arguments: [String]) throws(UsageError) -> ExitStatus {
        let parsed = try Arguments(arguments, valued: [], flags: ["--help", "-h", "--stdio"])
        if parsed.flags.contains("--help") {
            Console.output(Help.lsp)
            return .success
        }
        guard parsed.positionals.isEmpty else { throw UsageError(message: "`rules lsp` takes no files: the editor sends them") }
        // A client that closes its end must not kill the server before it can notice.
        signal(SIGPIPE, SIG_IGN)
        let server = LspServer(input: STDIN_FILENO, output: STDOUT_FILENO, maximumMessageLength: maximumMessageLength)
        return server.serve() == 0 ? .success : .failure
    }
}
