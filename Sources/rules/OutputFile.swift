// Writing a whole output file (`rules run --out`, `rules fmt`) so that a reader never sees half
// of it, the file keeps its permissions, and nothing but a regular file is ever replaced.

import CampaignRules
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

enum OutputFile {
    /// Writes `bytes` to `path`: to a temporary file beside the target, then renamed over it
    /// (see `write(to:_:)`).
    static func write(_ bytes: [UInt8], to path: String) throws(UsageError) {
        try write(to: path) { $0.write(bytes) }
    }

    /// Writes what `body` writes to `path`, a chunk at a time, into a temporary file beside the
    /// target that is then renamed over it, so a reader never sees half of it.
    ///
    /// - A regular file keeps its permission bits (a 0600 payout file stays 0600).
    /// - A symbolic link is followed: the file it points to is replaced, the link stays.
    /// - A directory, device, named pipe or socket is refused: `--out /dev/null` must not
    ///   replace the device with a file.
    /// - Every failed write, flush or rename is an error naming the file, and the temporary
    ///   file is removed; after a failed write `body` is told so through its `TextOutput`.
    static func write(to path: String, _ body: (TextOutput) -> Void) throws(UsageError) {
        try write(to: path) { (output: TextOutput) -> Bool in
            body(output)
            return true
        }
    }

    /// The same, but a `body` that returns false abandons the file: the target is left as it
    /// was (a streamed run that fails part-way writes nothing).
    static func write(to path: String, _ body: (TextOutput) -> Bool) throws(UsageError) {
        let target = try resolved(path)
        let directory = (target as NSString).deletingLastPathComponent
        var existing = stat()
        let exists = stat(target, &existing) == 0
        if exists, let refusal = refusal(of: existing.st_mode & S_IFMT) {
            throw UsageError(
                message:
                    "cannot write \(path): it is \(refusal), not a regular file\n  fix: give the path of a file to write; to discard the output, leave --out off and redirect it"
            )
        }
        var template = Array(((directory.isEmpty ? "." : directory) + "/.\((target as NSString).lastPathComponent).rules-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard descriptor >= 0 else { throw failure(path, "cannot create a file beside it") }
        // The name mkstemp filled in, without its terminating NUL.
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var succeeded = false
        defer {
            if !succeeded { unlink(temporary) }
        }
        var writeFailure: String?
        let output = TextOutput { chunk in
            guard writeAll(chunk, to: descriptor) else {
                writeFailure = String(cString: strerror(errno))
                return false
            }
            return true
        }
        guard body(output) else {
            close(descriptor)
            return
        }
        output.flush()
        if output.failed {
            close(descriptor)
            throw failure(path, writeFailure ?? "the write failed")
        }
        // A new file gets the permissions the user's umask gives; an existing one keeps its own.
        let mode = exists ? existing.st_mode & 0o7777 : defaultMode()
        if fchmod(descriptor, mode) != 0 || fsync(descriptor) != 0 {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw failure(path, reason)
        }
        if exists { _ = fchown(descriptor, existing.st_uid, existing.st_gid) }
        guard close(descriptor) == 0 else { throw failure(path, String(cString: strerror(errno))) }
        guard rename(temporary, target) == 0 else { throw failure(path, String(cString: strerror(errno))) }
        succeeded = true
    }

    /// The path with a symbolic link at its end followed to the file it names (which need
    /// not exist yet); a link to a link is followed in turn.
    private static func resolved(_ path: String) throws(UsageError) -> String {
        var current = path
        for _ in 0..<40 {
            var status = stat()
            guard lstat(current, &status) == 0, status.st_mode & S_IFMT == S_IFLNK else { return current }
            guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else {
                throw failure(path, "cannot read the symbolic link")
            }
            current =
                destination.hasPrefix("/")
                ? destination
                : ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(destination)
        }
        throw failure(path, "too many symbolic links")
    }

    private static func refusal(of kind: mode_t) -> String? {
        switch kind {
        case S_IFREG: nil
        case S_IFDIR: "a directory"
        case S_IFCHR, S_IFBLK: "a device"
        case S_IFIFO: "a named pipe"
        case S_IFSOCK: "a socket"
        default: "a special file"
        }
    }

    private static func writeAll(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < buffer.count {
            let written = systemWrite(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }

    /// 0666 less the process's umask, as `open` would give a new file.
    private static func defaultMode() -> mode_t {
        let mask = umask(0)
        umask(mask)
        return 0o666 & ~mask
    }

    private static func failure(_ path: String, _ reason: String) -> UsageError {
        UsageError(message: "cannot write \(path): \(reason)")
    }
}

/// The system call, under a name `OutputFile.write` does not hide.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
