// The base protocol's framing: `Content-Length` headers, a blank line, then that many bytes of
// JSON, read from one file descriptor and written to another.

import Foundation

/// What reading the next message gave.
enum FramedInput {
    case message([UInt8])
    /// A header block without a usable `Content-Length`, or one above the limit: the reason.
    case badHeader(String)
    case endOfInput
}

/// Reads framed messages from a file descriptor, buffering what it reads.
final class MessageReader {
    /// The largest body accepted; a larger `Content-Length` is refused without reading it, so a
    /// bad client cannot make the server allocate whatever it claims.
    let maximumLength: Int
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var position = 0
    private var ended = false

    init(descriptor: Int32, maximumLength: Int) {
        self.descriptor = descriptor
        self.maximumLength = maximumLength
    }

    func next() -> FramedInput {
        var length: Int?
        var sawHeader = false
        while true {
            guard let line = readLine() else { return sawHeader ? .badHeader("the input ended inside a header") : .endOfInput }
            if line.isEmpty {
                guard sawHeader else { continue }
                guard let length else { return .badHeader("a message without a Content-Length header") }
                guard length <= maximumLength else { return .badHeader("a Content-Length of \(length) bytes, more than \(maximumLength)") }
                guard let body = read(count: length) else { return .endOfInput }
                return .message(body)
            }
            sawHeader = true
            if let value = Self.contentLength(in: line) { length = value }
        }
    }

    /// The length a header line gives. A header may follow what is left of a body that was
    /// refused (`{...}Content-Length: 42`), so it is looked for anywhere in the line: reading
    /// then picks up again at the next message.
    static func contentLength(in line: [UInt8]) -> Int? {
        let text = String(decoding: line, as: UTF8.self)
        guard let found = text.range(of: "Content-Length:", options: .caseInsensitive) else { return nil }
        let digits = text[found.upperBound...].trimmingCharacters(in: .whitespaces)
        guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy(\.isASCIIDigit) else { return digits.isEmpty ? nil : Int.max }
        return Int(digits)
    }

    /// One header line without its `\r\n`; nil at the end of input.
    private func readLine() -> [UInt8]? {
        var line: [UInt8] = []
        while true {
            guard let byte = readByte() else { return line.isEmpty ? nil : line }
            if byte == UInt8(ascii: "\n") {
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return line
            }
            // A header line longer than any real one is garbage; keep only its end, where a
            // following header would be.
            if line.count > 4096 { line.removeFirst(2048) }
            line.append(byte)
        }
    }

    private func read(count: Int) -> [UInt8]? {
        var body: [UInt8] = []
        body.reserveCapacity(count)
        while body.count < count {
            if position == buffer.count, !fill() { return nil }
            let taken = min(count - body.count, buffer.count - position)
            body += buffer[position..<position + taken]
            position += taken
        }
        return body
    }

    private func readByte() -> UInt8? {
        if position == buffer.count, !fill() { return nil }
        position += 1
        return buffer[position - 1]
    }

    private func fill() -> Bool {
        guard !ended else { return false }
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { readDescriptor(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else {
            ended = true
            return false
        }
        buffer = Array(chunk[0..<count])
        position = 0
        return true
    }
}

/// Writes framed messages to a file descriptor.
struct MessageWriter {
    let descriptor: Int32

    func write(_ body: [UInt8]) {
        var bytes = Array("Content-Length: \(body.count)\r\n\r\n".utf8)
        bytes += body
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { writeDescriptor(descriptor, $0.baseAddress, $0.count) }
            // The client went away: there is no one to tell.
            guard count > 0 else { return }
            written += count
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

// The system calls, named apart from the methods that use them.
private func readDescriptor(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(descriptor, buffer, count) }
private func writeDescriptor(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int { write(descriptor, buffer, count) }
