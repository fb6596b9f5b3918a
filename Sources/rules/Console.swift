// Writing to standard output and standard error, with a failed write remembered so the
// command can end with an error instead of reporting success.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum Console {
    /// Why writing to standard output failed (`No space left on device`), once it has.
    nonisolated(unsafe) private(set) static var outputFailure: String?

    /// Writes a line to standard output. After a failure nothing more is written, and
    /// `RulesCommand` turns the failure into exit status 1.
    static func output(_ text: String) {
        guard outputFailure == nil else { return }
        if let failure = writeAll(text + "\n", to: STDOUT_FILENO) { outputFailure = failure }
    }

    /// Writes a line to standard error; a failure there has nowhere to be reported.
    static func error(_ text: String) {
        _ = writeAll(text + "\n", to: STDERR_FILENO)
    }

    /// Writes every byte of `text`, retrying after interruptions and short writes; the
    /// system's wording of the error when a write fails.
    private static func writeAll(_ text: String, to descriptor: Int32) -> String? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBytes { buffer -> String? in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += written
            }
            return nil
        }
    }
}
