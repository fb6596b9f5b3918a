// Lines from standard input when it is not a terminal (a pipe or a file), read in large blocks.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads lines from standard input a block at a time, and can tell whether another line is
/// already waiting, so the REPL can check a run of piped declarations together.
final class LineReader {
    private var buffer: [UInt8] = []
    /// Where the next line starts in `buffer`.
    private var start = 0
    private var ended = false
    /// The number of the line `readLine` returned last (the first is 1).
    private(set) var lineNumber = 0

    /// The next line without its line break (a `\r` before it is dropped too); nil at the end.
    func readLine() -> String? {
        while true {
            if let end = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                defer { start = end + 1 }
                lineNumber += 1
                let lineEnd = end > start && buffer[end - 1] == UInt8(ascii: "\r") ? end - 1 : end
                return String(decoding: buffer[start..<lineEnd], as: UTF8.self)
            }
            if ended {
                guard start < buffer.count else { return nil }
                defer { start = buffer.count }
                lineNumber += 1
                return String(decoding: buffer[start...], as: UTF8.self)
            }
            fill()
        }
    }

    /// Whether a line can be read without waiting.
    var hasPendingInput: Bool {
        if buffer[start...].contains(UInt8(ascii: "\n")) { return true }
        guard !ended else { return start < buffer.count }
        return Terminal.hasInput(within: Terminal.pasteGap)
    }

    private func fill() {
        // Drop what was read before keeping the rest, so the buffer holds about one block.
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        var block = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = block.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if count > 0 {
                buffer += block[..<count]
                return
            }
            if count < 0, errno == EINTR { continue }
            ended = true
            return
        }
    }
}
