// Reading a rule file or a data file: regular files and pipes only, within a size limit, and
// every failure an error that names the file and the cause.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a file could not be read, in words for the person who named it.
public struct FileReadError: Error, Sendable, Hashable {
    public let path: String
    /// What went wrong: `is a directory`, `cannot be read: Input/output error (after 4 MiB)`.
    public let message: String
    public let fix: String?
    /// True when the file is larger than the limit it was read under.
    public let isLimit: Bool

    init(_ path: String, _ message: String, fix: String? = nil, isLimit: Bool = false) {
        self.path = path
        self.message = message
        self.fix = fix
        self.isLimit = isLimit
    }

    /// `path: error: message`, then the fix.
    public var rendered: String {
        "\(path): error: \(message)" + (fix.map { "\n  fix: \($0)" } ?? "")
    }
}

/// An open file read from its start: a regular file, or a pipe (`<(zcat data.csv.gz)`).
///
/// What a file may be is checked when it is opened, so nothing blocks or reads forever:
/// a directory, a device (`/dev/zero`, `/dev/null`) or a socket is refused at once; a regular
/// file larger than `limit` is refused before a byte is read; a pipe is read until its end,
/// and stops with an error once it passes `limit`. A named pipe that no program is writing to
/// reads as empty instead of waiting for a writer. A read that fails part-way is an error,
/// never a short file: the caller must not use what was read before it.
public final class FileInput {
    public let path: String
    /// The file's size when it is a regular file; nil for a pipe.
    public let size: Int?
    public let isPipe: Bool
    private let descriptor: Int32
    private let limit: Int
    private let limitName: Limits.Name
    /// Bytes read so far.
    public private(set) var bytesRead = 0
    /// Where each read lands before it is appended to the caller's buffer.
    private var scratch = UnsafeMutableRawBufferPointer(start: nil, count: 0)

    /// Opens `path` to be read, up to `limit` bytes (the limit `limitName` names in errors).
    public init(path: String, limit: Int, limitName: Limits.Name) throws(FileReadError) {
        self.path = path
        self.limit = limit
        self.limitName = limitName
        // Without O_NONBLOCK, opening a named pipe waits until some program opens it to write.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileInput.openFailure(path, errno) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            close(descriptor)
            throw FileReadError(path, "cannot be read: \(FileInput.describe(code))")
        }
        let kind = status.st_mode & S_IFMT
        if let refusal = FileInput.refusal(of: kind, path) {
            close(descriptor)
            throw refusal
        }
        self.descriptor = descriptor
        self.isPipe = kind == S_IFIFO
        self.size = isPipe ? nil : Int(status.st_size)
        // Reads wait for the writer of a pipe; only the open had to be non-blocking.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        if let size, size > limit { throw tooLarge(size) }
    }

    deinit {
        close(descriptor)
        scratch.deallocate()
    }

    /// Appends up to `count` bytes to `buffer` and returns how many; 0 at the end of the file.
    public func read(into buffer: inout [UInt8], upTo count: Int) throws(FileReadError) -> Int {
        let wanted = min(count, limit + 1 - bytesRead)
        guard wanted > 0 else { throw tooLarge(nil) }
        if scratch.count < wanted {
            scratch.deallocate()
            scratch = .allocate(byteCount: wanted, alignment: 1)
        }
        var got = 0
        while true {
            got = systemRead(descriptor, scratch.baseAddress, wanted)
            if got >= 0 { break }
            let code = errno
            if code == EINTR { continue }
            throw FileReadError(
                path, "cannot be read: \(FileInput.describe(code)) (after \(ByteCount(bytesRead)))",
                fix: "check the disk or the device the file is on, then run again")
        }
        buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[..<got]))
        bytesRead += got
        if bytesRead > limit { throw tooLarge(nil) }
        return got
    }

    /// The whole file, read to its end.
    public func readAll() throws(FileReadError) -> [UInt8] {
        var bytes: [UInt8] = []
        if let size { bytes.reserveCapacity(size) }
        while try read(into: &bytes, upTo: 1 << 20) > 0 {}
        if isPipe, bytes.isEmpty { throw emptyPipe() }
        return bytes
    }

    /// The error for a pipe that gave nothing: most often a named pipe no program writes to.
    public func emptyPipe() -> FileReadError {
        FileReadError(
            path, "is a pipe, and nothing was written to it",
            fix: "start the program that writes to it first, or save the data to a file and give that")
    }

    private func tooLarge(_ size: Int?) -> FileReadError {
        let what = size.map { "has \(ByteCount($0))" } ?? "holds more than \(ByteCount(limit))"
        return FileReadError(
            path, "\(what), more than the \(ByteCount(limit)) allowed \(limitName.note)",
            fix: "split the file, or raise the limit", isLimit: true)
    }

    private static func refusal(of kind: mode_t, _ path: String) -> FileReadError? {
        switch kind {
        case S_IFREG, S_IFIFO:
            return nil
        case S_IFDIR:
            return FileReadError(path, "is a directory, not a file", fix: "give the path of a file inside it")
        case S_IFCHR, S_IFBLK:
            return FileReadError(path, "is a device, not a file", fix: "give the path of a regular file")
        case S_IFSOCK:
            return FileReadError(path, "is a socket, not a file", fix: "give the path of a regular file")
        default:
            return FileReadError(path, "is not a regular file", fix: "give the path of a regular file")
        }
    }

    private static func openFailure(_ path: String, _ code: Int32) -> FileReadError {
        switch code {
        case ENOENT:
            FileReadError(path, "no such file", fix: "check the path; it is relative to the current directory")
        case EACCES:
            FileReadError(path, "cannot be read: permission denied", fix: "check the file's permissions")
        case ENOTDIR:
            FileReadError(path, "no such file (a part of the path is not a directory)", fix: "check the path")
        default:
            FileReadError(path, "cannot be read: \(describe(code))")
        }
    }

    /// The system's wording of an error number, such as `Input/output error`.
    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

/// The system call, under a name the method `FileInput.read` does not hide.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
