// The read-evaluate-print loop: gathers lines into entries, runs commands, prints replies.

import CampaignRules

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads entries and answers them until the input ends or `:quit`.
///
/// At a terminal it edits lines with `LineEditor`, shows prompts and notices, and keeps
/// history. Otherwise (input from a pipe or a file) it reads plain lines and prints only
/// results on standard output and errors on standard error, so
/// `printf 'let x = 2\nx * 3\n' | rules repl` prints `6`; it then exits 1 if any entry failed.
final class ReplLoop {
    static let prompt = "rules> "
    static let continuationPrompt = "   ... "

    let session: Session
    let interactive: Bool
    private let editor: LineEditor?
    /// Lines from a pipe or a file, when the input is not a terminal.
    private let plainLines = LineReader()
    private var anyFailed = false

    init(session: Session, interactive: Bool) {
        self.session = session
        self.interactive = interactive
        if interactive {
            let file = HistoryFile.standard()
            editor = LineEditor(history: History(entries: file?.load() ?? [], limit: file?.limit ?? 1000), historyFile: file)
            editor?.continuationPrompt = Self.continuationPrompt
        } else {
            editor = nil
        }
    }

    func run() -> ExitStatus {
        if interactive {
            Terminal.installRestoreHandlers()
            Console.output("rules \(RulesCommand.version) — type an expression or a declaration; :help for commands, Ctrl-D to leave")
        }
        var lines: [String] = []
        var continuation = Continuation.Tracker()
        // Whole declarations that arrived together (a paste, a pipe), checked as one run.
        var declarations: [Session.Entry] = []
        // The line of the input the entry being read starts on (counted for a pipe or a file).
        var entryLine = 1
        while true {
            switch readLine(prompt: lines.isEmpty ? Self.prompt : Self.continuationPrompt) {
            case .endOfInput:
                declare(&declarations)
                // A pipe that ends inside an entry still gets that entry's errors.
                if !lines.isEmpty, !interactive { show(session.enter(Session.Entry(text: lines.joined(separator: "\n"), line: entryLine))) }
                return anyFailed && !interactive ? .failure : .success
            case .cancelled:
                lines = []
                continuation = Continuation.Tracker()
            case .line(let line):
                if lines.isEmpty {
                    entryLine = interactive ? 1 : plainLines.lineNumber
                    if line.allSatisfy(\.isWhitespace) { continue }
                    if line.trimmingSpaces().hasPrefix(":") {
                        declare(&declarations)
                        editor?.remember(line)
                        if runCommand(line) { return anyFailed && !interactive ? .failure : .success }
                        continue
                    }
                }
                lines.append(line)
                continuation.add(line)
                guard !continuation.needsMore else { continue }
                let entry = lines.joined(separator: "\n")
                // `allocate $1_000 across picks` then `by it.score` on the next line, as a file allows.
                guard !Continuation.endsTooSoon(entry) else { continue }
                lines = []
                continuation = Continuation.Tracker()
                editor?.remember(entry)
                if SessionDeclaration.startsDeclaration(entry) {
                    declarations.append(Session.Entry(text: entry, line: entryLine))
                    if !hasPendingInput { declare(&declarations) }
                    continue
                }
                declare(&declarations)
                show(interruptible { session.enter(Session.Entry(text: entry, line: entryLine)) })
            }
        }
    }

    /// Checks the declarations gathered so far, as one run.
    private func declare(_ declarations: inout [Session.Entry]) {
        guard !declarations.isEmpty else { return }
        let entries = declarations
        declarations = []
        show(interruptible { session.declareAll(entries) })
    }

    /// Whether another line is already waiting to be read.
    private var hasPendingInput: Bool {
        editor?.hasPendingInput ?? plainLines.hasPendingInput
    }

    private func readLine(prompt: String) -> LineEditor.Outcome {
        if let editor { return editor.readLine(prompt: prompt) }
        guard let line = plainLines.readLine() else { return .endOfInput }
        return .line(line)
    }

    /// Runs a `:command`; true when it ends the session.
    private func runCommand(_ line: String) -> Bool {
        switch MetaCommand.parse(line) {
        case .failure(let error):
            show(.error("error: \(error.message)"))
        case .success(let command):
            switch command {
            case .quit: return true
            case .help: show(.result(Help.replCommands))
            case .load(let path): show(interruptible { session.load(path) })
            case .data(let name, let path): show(session.loadData(name: name, path: path))
            case .set(let name, let value): show(session.setInput(name: name, text: value))
            case .type(let expression): show(session.type(of: expression))
            case .explain: show(interruptible { session.explainLast() })
            case .inputs: show(session.describeInputs())
            case .list: show(session.listing())
            case .test: show(interruptible { session.runTests() })
            case .reset:
                session.reset()
                show(.notice("forgot every declaration and input"))
            }
        }
        return false
    }

    /// Runs an evaluation that Ctrl-C cancels at a terminal, leaving the session as it was.
    private func interruptible(_ work: () -> Reply) -> Reply {
        guard interactive else { return work() }
        let cancellation = Cancellation()
        session.cancellation = cancellation
        defer { session.cancellation = nil }
        return Interrupts.cancelling(cancellation, during: work)
    }

    private func show(_ reply: Reply) {
        for result in reply.results { Console.output(result) }
        for notice in reply.notices {
            if interactive { Console.output(notice) } else { Console.error(notice) }
        }
        // Results are buffered when piped; flush so they stay in order with the errors.
        fflush(nil)
        for error in reply.errors { Console.error(error) }
        if reply.failed { anyFailed = true }
    }
}
