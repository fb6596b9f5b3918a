// The controlling terminal: raw mode on and off, its width, and restoring it whatever happens.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The terminal settings to put back, kept where a signal handler can reach them.
///
/// A signal handler can capture nothing, so the saved settings live in globals. They are
/// written only on the main thread, before and after each line is read, and read by the
/// handler, which runs on that same thread.
nonisolated(unsafe) private var savedTerminalSettings = termios()
nonisolated(unsafe) private var terminalIsRaw = false

/// Puts the terminal back in the mode it was in; safe to call from a signal handler
/// (`tcsetattr` is async-signal-safe) and more than once.
private func restoreTerminalSettings() {
    guard terminalIsRaw else { return }
    _ = tcsetattr(STDIN_FILENO, TCSADRAIN, &savedTerminalSettings)
    terminalIsRaw = false
}

/// Standard input and output when both are a terminal.
///
/// The REPL is in raw mode only while a line is being edited; results print in the
/// terminal's normal mode. The terminal is restored when a line ends, on Ctrl-D, when the
/// program exits, and on SIGINT, SIGTERM, SIGHUP and SIGQUIT (after which the signal does
/// what it would have done).
enum Terminal {
    /// True when input comes from a terminal and output goes to one: then the line editor
    /// runs. Otherwise the REPL reads plain lines and prints no prompts or escape codes.
    static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }

    /// Installs the handlers that restore the terminal; call once before the first line.
    static func installRestoreHandlers() {
        for signalNumber in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] {
            signal(signalNumber) { received in
                restoreTerminalSettings()
                signal(received, SIG_DFL)
                raise(received)
            }
        }
        atexit { restoreTerminalSettings() }
    }

    /// Switches to raw mode: keys arrive one by one, unechoed, with Ctrl-C as a byte rather
    /// than a signal. False when the terminal refuses.
    static func enableRawMode() -> Bool {
        var settings = termios()
        guard tcgetattr(STDIN_FILENO, &settings) == 0 else { return false }
        savedTerminalSettings = settings
        settings.c_iflag &= ~tcflag_t(BRKINT | ICRNL | INPCK | ISTRIP | IXON)
        settings.c_cflag |= tcflag_t(CS8)
        settings.c_lflag &= ~tcflag_t(ECHO | ICANON | IEXTEN | ISIG)
        withUnsafeMutableBytes(of: &settings.c_cc) { characters in
            characters[Int(VMIN)] = 1
            characters[Int(VTIME)] = 0
        }
        terminalIsRaw = true
        guard tcsetattr(STDIN_FILENO, TCSADRAIN, &settings) == 0 else {
            terminalIsRaw = false
            return false
        }
        return true
    }

    static func disableRawMode() {
        restoreTerminalSettings()
    }

    /// The terminal's width in cells, 80 when it cannot be asked.
    static var columns: Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    /// Writes text straight to the terminal, after anything `print` still holds.
    static func output(_ text: String) {
        fflush(nil)
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            bytes = bytes.dropFirst(written)
        }
    }

    /// Whether standard input has bytes to read within `milliseconds`.
    static func hasInput(within milliseconds: Int32) -> Bool {
        var request = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        var ready = poll(&request, 1, milliseconds)
        while ready < 0, errno == EINTR { ready = poll(&request, 1, milliseconds) }
        return ready > 0 && request.revents & Int16(POLLIN) != 0
    }

    /// How long a paste or a pipe may pause between two parts and still count as one run of
    /// input: a terminal hands a long paste over a few kilobytes at a time.
    static let pasteGap: Int32 = 30

    /// Reads what is available from standard input, waiting at most `timeout` milliseconds
    /// (forever when nil). Empty on timeout; nil at the end of input or on an error.
    static func readBytes(timeout milliseconds: Int32? = nil) -> [UInt8]? {
        if let milliseconds {
            var request = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            var ready = poll(&request, 1, milliseconds)
            while ready < 0, errno == EINTR { ready = poll(&request, 1, milliseconds) }
            if ready == 0 { return [] }
            if ready < 0 { return nil }
        }
        var buffer = [UInt8](repeating: 0, count: 256)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if count > 0 { return Array(buffer[..<count]) }
            if count < 0, errno == EINTR { continue }
            return nil
        }
    }
}
