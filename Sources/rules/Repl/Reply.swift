// What the REPL prints in answer to one entry, kept apart from printing so it can be tested.

/// The answer to one entry: results for standard output, notices about what changed, and
/// errors for standard error.
struct Reply: Equatable {
    var results: [String] = []
    /// "replaced the earlier `rate`", "loaded 12 declarations": shown at the prompt, and sent to
    /// standard error when the input is not a terminal (so piped output holds only results).
    var notices: [String] = []
    var errors: [String] = []

    static func result(_ text: String) -> Reply { Reply(results: [text]) }
    static func notice(_ text: String) -> Reply { Reply(notices: [text]) }
    static func error(_ text: String) -> Reply { Reply(errors: [text]) }

    var failed: Bool { !errors.isEmpty }
}
