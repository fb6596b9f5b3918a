// Writing to standard output and standard error, with a failed write remembered so the
// command can end with an error instead of reporting success.

import CampaignRules

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
        Array((text + "\n").utf8).withUnsafeBytes { bytes in
            if let failure = writeAll(bytes, to: STDOUT_FILENO) { outputFailure = failure }
        }
    }

    /// Writes what `body` writes to standard output a chunk at a time, so an output of any
    /// size is never held whole; a failure is remembered as `output` remembers it, and the
    /// `TextOutput` passes nothing more on after it.
    static func stream(_ body: (TextOutput) -> Void) {
        guard outputFailure == nil else { return }
        let output = TextOutput { chunk in
            guard let failure = writeAll(chunk, to: STDOUT_FILENO) else { return true }
            outputFailure = failure
            return false
        }
        body(output)
        output.flush()
    }

    /// Writes a line to standard error; a failure there has nowhere to be reported.
    static func error(_ text: String) {
        Array((text + "\n").utf8).withUnsafeBytes { _ = writeAll($0, to: STDERR_FILENO) }
    }

    /// Writes every byte, retrying after interruptions and short writes; the system's
    /// wording of the error when a write fails.
    private static func writeAll(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32) -> String? {
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
