// End-to-end test of the line editor in a real pseudo-terminal: `rules repl` in a tmux pane.

import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A private tmux server running `rules repl` in one pane: keys go in with `send-keys`, the
/// screen comes out with `capture-pane`. Every wait polls the screen with a deadline, so the
/// test is as fast as the machine allows and fails with the screen when something never shows.
final class TmuxRepl {
    static let executable = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    let socket = "rules-repl-test-\(UUID().uuidString.prefix(8))"
    let home: String
    private let tmux: String

    /// Starts the REPL with HOME set to `home` (a new empty folder by default), so its
    /// history file is the test's own.
    init(home: String? = nil, columns: Int = 100, rows: Int = 50) throws {
        tmux = try #require(Self.executable)
        self.home = try home ?? PipedRepl.temporaryFolder()
        // The shell around the REPL reports how it exited and whether the terminal's settings
        // are what they were before it started. It shares the REPL's process group, so it
        // catches a Ctrl-C meant for the REPL instead of dying of it (a handler, unlike an
        // ignored signal, is not passed on to the REPL).
        let script = """
            trap 'true' INT; settings=$(stty -g); HOME='\(self.home)' '\(RulesBinary.url.path)' repl; status=$?; \
            if [ "$settings" = "$(stty -g)" ]; then echo "exit $status, terminal restored"; else echo "exit $status, terminal NOT restored"; fi; \
            sleep 600
            """
        try run(["-f", "/dev/null", "new-session", "-d", "-s", "repl", "-x", "\(columns)", "-y", "\(rows)", "sh", "-c", script])
    }

    /// Stops the private server and everything in it. The session is killed first: the
    /// server ends itself with SIGTERM on `kill-server`, which a test runner may have set to
    /// be ignored, while killing its last session always ends it.
    func stop() {
        _ = try? run(["kill-session", "-t", "repl"])
        _ = try? run(["kill-server"])
    }

    /// Sends named keys (`Enter`, `Left`, `C-c`), each as one key press.
    func press(_ keys: String...) throws {
        try run(["send-keys", "-t", "repl"] + keys)
    }

    /// Types text literally, as a paste would.
    func type(_ text: String) throws {
        try run(["send-keys", "-t", "repl", "-l", text])
    }

    /// The visible screen, trailing blank lines dropped; with `joined`, lines the terminal
    /// wrapped are joined back into one.
    func screen(joined: Bool = false) throws -> String {
        let text = try run(["capture-pane", "-p", "-t", "repl"] + (joined ? ["-J"] : []))
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in String(line.reversed().drop { $0 == " " }.reversed())
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// Waits until the screen satisfies `condition`; the screen, or an error showing it.
    @discardableResult
    func waitFor(_ what: String, timeout: TimeInterval = 15, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if condition(last) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw TmuxError(message: "timed out waiting for \(what); the screen was:\n\(last)")
    }

    /// Waits until the last line of the screen is an empty prompt: the REPL is ready for keys.
    @discardableResult
    func waitForPrompt(after text: String) throws -> String {
        try waitFor("`\(text)` and a fresh prompt") { screen in
            screen.contains(text) && screen.split(separator: "\n").last.map { $0.trimmingCharacters(in: .whitespaces) == "rules>" } == true
        }
    }

    /// Runs one tmux command and returns what it printed.
    ///
    /// Spawned directly rather than with Foundation's `Process`, whose `waitUntilExit` can miss
    /// the exit of a tmux client that has just forked its server, and then waits forever.
    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        var environment = ProcessInfo.processInfo.environment
        environment["TMUX"] = nil
        environment["TERM"] = "xterm-256color"
        let (status, output) = try Spawn.run(tmux, ["-L", socket] + arguments, environment: environment)
        guard status == 0 else {
            throw TmuxError(message: "tmux \(arguments.joined(separator: " ")) exited with \(status)")
        }
        return output
    }
}

/// Runs a program with posix_spawn and collects its standard output.
enum Spawn {
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> (status: Int32, output: String) {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { throw TmuxError(message: "pipe failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], STDOUT_FILENO)
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
        posix_spawn_file_actions_addclose(&actions, pipeEnds[1])
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        close(pipeEnds[1])
        guard spawned == 0 else {
            close(pipeEnds[0])
            throw TmuxError(message: "cannot run \(executable): error \(spawned)")
        }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(pipeEnds[0], $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            output += buffer[..<count]
        }
        close(pipeEnds[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        // The exit code, when it exited normally (WIFEXITED / WEXITSTATUS).
        let exitCode = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : -1
        return (exitCode, String(decoding: output, as: UTF8.self))
    }
}

struct TmuxError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

@Suite(.serialized) struct ReplTerminalTests {
    @Test(.enabled(if: TmuxRepl.executable != nil, "tmux is not installed: the pseudo-terminal test of `rules repl` is skipped"))
    func editingHistoryMultiLineAndAllocationInATerminal() throws {
        let repl = try TmuxRepl()
        defer { repl.stop() }
        try repl.waitFor("the banner and prompt") { $0.contains(":help for commands") && $0.hasSuffix("rules>") }

        // Edit inside a line: type, move left, insert, Enter.
        try repl.type("sum([1, 3])")
        try repl.press("Left", "Left")
        try repl.type(", 5")
        try repl.press("Enter")
        try repl.waitForPrompt(after: "rules> sum([1, 3, 5])\n9")

        // Multi-byte characters: Home, one Right steps over the whole `€`.
        try repl.type("€30 + €2")
        try repl.press("Home", "Right")
        try repl.type("1")
        try repl.press("Enter")
        try repl.waitForPrompt(after: "rules> €130 + €2\n€132.00")

        // History: Up twice brings back the first line.
        try repl.press("Up", "Up")
        try repl.waitFor("the recalled line") { $0.hasSuffix("rules> sum([1, 3, 5])") }
        try repl.press("Enter")
        try repl.waitForPrompt(after: "rules> sum([1, 3, 5])\n9\nrules> €130 + €2\n€132.00\nrules> sum([1, 3, 5])\n9")

        // Ctrl-C abandons a line without leaving.
        try repl.type("oops")
        try repl.press("C-c")
        try repl.waitForPrompt(after: "rules> oops^C")

        // A function over several lines, with the continuation prompt.
        for line in ["fn bonus(sales) {", "  let rate = if sales > $1_000 then 5% else 2%", "  sales * rate"] {
            try repl.type(line)
            try repl.press("Enter")
            // Each line waits for the continuation prompt, so no key arrives between two lines.
            try repl.waitFor("the continuation prompt after `\(line)`") { $0.hasSuffix(line + "\n   ...") }
        }
        try repl.type("}")
        try repl.press("Enter")
        try repl.waitForPrompt(after: "   ... }")
        try repl.type("bonus($2_400)")
        try repl.press("Enter")
        let afterFunction = try repl.waitForPrompt(after: "rules> bonus($2_400)\n$120.00")
        #expect(
            afterFunction.contains("rules> fn bonus(sales) {\n   ...   let rate = if sales > $1_000 then 5% else 2%\n   ...   sales * rate\n   ... }")
        )

        // Up twice recalls the function whole, its line breaks shown as ↵; Enter runs it again.
        try repl.press("Up", "Up")
        try repl.waitFor("the recalled entry") {
            $0.hasSuffix("rules> fn bonus(sales) {↵  let rate = if sales > $1_000 then 5% else 2%↵  sales * rate↵}")
        }
        try repl.press("Enter")
        try repl.waitForPrompt(after: "replaced the earlier `bonus`")

        // An allocation as a table with shares and bars.
        try repl.type(#"allocate $1_000 across [{h: "a", w: 3}, {h: "b", w: 1}] by it.w"#)
        try repl.press("Enter")
        let allocation = try repl.waitForPrompt(after: "TOTAL")
        #expect(allocation.contains("a        $750.00   75.0%  ████████████████████████\n"))
        #expect(allocation.contains("b        $250.00   25.0%  ████████\n"))

        // Ctrl-D on an empty line leaves, with the terminal as it was.
        try repl.press("C-d")
        try repl.waitFor("the REPL to exit") { $0.contains("exit 0, terminal restored") }
        let history = try String(contentsOfFile: repl.home + "/.rules_history", encoding: .utf8)
        // One entry a line: the function's line breaks are written `\n`.
        #expect(
            history.hasPrefix(
                "sum([1, 3, 5])\n€130 + €2\nsum([1, 3, 5])\nfn bonus(sales) {\\n  let rate = if sales > $1_000 then 5% else 2%\\n  sales * rate\\n}\n"
            ))
        #expect(!history.contains("oops"))
    }

    @Test(.enabled(if: TmuxRepl.executable != nil, "tmux is not installed: the pseudo-terminal test of `rules repl` is skipped"))
    func longLinesScrollWhileEditedAndShowWholeWhenEntered() throws {
        let repl = try TmuxRepl(columns: 40)
        defer { repl.stop() }
        try repl.waitFor("the prompt") { $0.hasSuffix("rules>") }
        let list = "[" + (1...20).map(String.init).joined(separator: ", ") + "]"
        try repl.type(list)
        let end = try repl.waitFor("the end of the line in view") { $0.hasSuffix("18, 19, 20]") }
        #expect(end.split(separator: "\n").last.map { $0.hasPrefix("rules> ") && $0.count < 40 } == true)
        try repl.press("Home")
        try repl.waitFor("the start of the line in view") { $0.split(separator: "\n").last?.hasPrefix("rules> [1, 2, 3,") == true }
        try repl.press("Enter")
        try repl.waitFor("the sum") { $0.hasSuffix("rules>") && $0.contains("\n[1, 2, 3") }
        let screen = try repl.screen(joined: true)
        #expect(screen.contains("rules> " + list + "\n" + list))
    }

    @Test(.enabled(if: TmuxRepl.executable != nil, "tmux is not installed: the pseudo-terminal test of `rules repl` is skipped"))
    func historyFromAnEarlierSessionAndAClearedScreen() throws {
        let home = try PipedRepl.temporaryFolder()
        try "let remembered = 41\n".write(toFile: home + "/.rules_history", atomically: true, encoding: .utf8)
        let repl = try TmuxRepl(home: home)
        defer { repl.stop() }
        try repl.waitFor("the prompt") { $0.hasSuffix("rules>") }
        try repl.press("C-l")
        try repl.waitFor("a cleared screen") { $0 == "rules>" }
        try repl.press("Up")
        try repl.waitFor("the line from the earlier session") { $0.hasSuffix("rules> let remembered = 41") }
        try repl.press("BSpace")
        try repl.type("2")
        try repl.press("Enter")
        try repl.type("remembered")
        try repl.press("Enter")
        try repl.waitForPrompt(after: "rules> remembered\n42")
        try repl.press("C-d")
        try repl.waitFor("the REPL to exit") { $0.contains("exit 0, terminal restored") }
        let history = try String(contentsOfFile: home + "/.rules_history", encoding: .utf8)
        #expect(history == "let remembered = 41\nlet remembered = 42\nremembered\n")
    }

    /// Ctrl-C during a long evaluation stops that evaluation, not the session: the
    /// declarations typed before it are still there.
    @Test(.enabled(if: TmuxRepl.executable != nil, "tmux is not installed: the pseudo-terminal test of `rules repl` is skipped"))
    func ctrlCCancelsAnEvaluationAndKeepsTheSession() throws {
        let repl = try TmuxRepl()
        defer { repl.stop() }
        try repl.waitFor("the prompt") { $0.hasSuffix("rules>") }
        try repl.type("let xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]")
        try repl.press("Enter")
        try repl.waitForPrompt(after: "rules> let xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]")
        // A hundred million additions: minutes of work, so only Ctrl-C ends it in time.
        let nested = (0..<8).reduce("it") { inner, _ in "sum(xs select \(inner))" }
        try repl.type(nested)
        try repl.press("Enter")
        try repl.waitFor("the evaluation to start") { $0.hasSuffix("))") }
        Thread.sleep(forTimeInterval: 0.5)
        try repl.press("C-c")
        try repl.waitForPrompt(after: "cancelled")
        try repl.type("xs[1] + 40")
        try repl.press("Enter")
        try repl.waitForPrompt(after: "rules> xs[1] + 40\n42")
        try repl.press("C-d")
        try repl.waitFor("the REPL to exit") { $0.contains("exit 0, terminal restored") }
    }
}
