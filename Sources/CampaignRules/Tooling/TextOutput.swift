// TextOutput, where the printers write: a buffer handed to its destination a chunk at a time.

/// Text written piece by piece and passed on in chunks, so that an output of any size (a
/// million statements are 120 MB of CSV) is never held whole in memory.
///
/// The printers append to `buffer` and call `flushIfFull()` after each row; the destination
/// (standard output, a temporary file, a string) receives each chunk in order. Once the
/// destination reports a failure, nothing more is passed on and `failed` stays true, so a
/// printer can stop early and its caller can report the error.
public final class TextOutput {
    /// The bytes not yet passed to the destination.
    let buffer: ByteBuffer
    /// Written before every line that `line(_:)` writes, except empty ones: the indentation
    /// `rules run` gives an output's table under its name.
    public var indent = ""
    private let chunkSize: Int
    private let destination: (UnsafeRawBufferPointer) -> Bool
    public private(set) var failed = false

    /// `destination` receives each chunk and returns false when it could not take it.
    public init(chunkSize: Int = 1 << 16, destination: @escaping (UnsafeRawBufferPointer) -> Bool) {
        self.chunkSize = chunkSize
        self.destination = destination
        buffer = ByteBuffer(capacity: chunkSize + chunkSize / 4)
    }

    /// Appends text as UTF-8.
    public func write(_ text: String) {
        buffer.append(text)
        flushIfFull()
    }

    /// Appends bytes as they are.
    public func write(_ bytes: [UInt8]) {
        buffer.append(bytes)
        flushIfFull()
    }

    /// Appends one line of text: the indentation unless the line is empty, the text, a line feed.
    public func line(_ text: String) {
        if !text.isEmpty {
            buffer.append(indent)
            buffer.append(text)
        }
        buffer.append(UInt8(ascii: "\n"))
        flushIfFull()
    }

    /// Appends one line of bytes, as `line(_:)` appends text.
    func line(_ text: ByteBuffer) {
        if !text.isEmpty {
            buffer.append(indent)
            buffer.append(text)
        }
        buffer.append(UInt8(ascii: "\n"))
        flushIfFull()
    }

    /// Passes the buffer on once it holds a chunk; printers call this between rows.
    @inline(__always)
    func flushIfFull() {
        if buffer.count >= chunkSize { flush() }
    }

    /// Passes every buffered byte to the destination; false once any write has failed.
    @discardableResult
    public func flush() -> Bool {
        if !failed, !buffer.isEmpty {
            failed = !destination(UnsafeRawBufferPointer(buffer.bytes))
        }
        buffer.removeAll()
        return !failed
    }

    /// The text `body` writes, as one string: for callers that want a value, not a stream.
    public static func collecting(_ body: (TextOutput) -> Void) -> String {
        String(decoding: bytes(body), as: UTF8.self)
    }

    /// The lines `body` writes, joined by line feeds without a final one, as the string
    /// printers have always returned them.
    static func lines(_ body: (TextOutput) -> Void) -> String {
        var collected = bytes(body)
        if collected.last == UInt8(ascii: "\n") { collected.removeLast() }
        return String(decoding: collected, as: UTF8.self)
    }

    private static func bytes(_ body: (TextOutput) -> Void) -> [UInt8] {
        var collected: [UInt8] = []
        let output = TextOutput { chunk in
            collected.append(contentsOf: chunk)
            return true
        }
        body(output)
        output.flush()
        return collected
    }
}
