// Keeps history across sessions in ~/.rules_history, one entry per line of the file.

import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The history file. Nothing about it may stop the REPL: every read and write is allowed to
/// fail silently, and none can block (the file is opened non-blocking and used only if it is
/// a regular file, so a FIFO or a device in its place is ignored).
///
/// Lines are appended as they are entered, so two sessions at once both keep theirs. When the
/// file grows past twice the entry limit it is rewritten with the newest entries only.
struct HistoryFile {
    let path: String
    /// How many entries are loaded and kept.
    let limit: Int

    /// Reading more than this from the end of the file is never needed for `limit` lines.
    static let maximumBytesRead = 1 << 20

    /// `~/.rules_history`, or nil when HOME is not set.
    static func standard(limit: Int = 1000) -> HistoryFile? {
        guard let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty else { return nil }
        return HistoryFile(path: (home as NSString).appendingPathComponent(".rules_history"), limit: limit)
    }

    /// The newest `limit` entries, oldest first; empty when the file is missing or unreadable.
    func load() -> [String] {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return [] }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return [] }
        let size = Int(status.st_size)
        let skipped = max(0, size - Self.maximumBytesRead)
        if skipped > 0, lseek(descriptor, off_t(skipped), SEEK_SET) < 0 { return [] }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count < Self.maximumBytesRead {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += chunk[..<count]
        }
        var lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
            .map { HistoryFile.decoded(String($0)) }
        // Reading from the middle of the file starts inside a line; that part is not an entry.
        if skipped > 0, !lines.isEmpty { lines.removeFirst() }
        if lines.count > 2 * limit { rewrite(Array(lines.suffix(limit))) }
        return Array(lines.suffix(limit))
    }

    /// Adds one entry at the end of the file, creating it (readable by its owner only) if needed.
    func append(_ line: String) {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NONBLOCK | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return }
        let bytes = Array((HistoryFile.encoded(line) + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    /// Replaces the file with the given entries, atomically so a failure leaves the old one.
    private func rewrite(_ lines: [String]) {
        try? Data(lines.map { HistoryFile.encoded($0) + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// An entry on one line of the file: a multi-line entry's line breaks written as `\n`, and
    /// backslashes doubled so that a `\n` typed in text comes back as typed.
    static func encoded(_ entry: String) -> String {
        guard entry.contains("\n") || entry.contains("\\") else { return entry }
        var result = ""
        for character in entry {
            switch character {
            case "\n": result += "\\n"
            case "\\": result += "\\\\"
            default: result.append(character)
            }
        }
        return result
    }

    static func decoded(_ line: String) -> String {
        guard line.contains("\\") else { return line }
        var result = "", escaping = false
        for character in line {
            if escaping {
                result.append(character == "n" ? "\n" : character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return escaping ? result + "\\" : result
    }
}
