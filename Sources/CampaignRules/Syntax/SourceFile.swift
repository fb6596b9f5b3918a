// A rule file's text with the line table that turns byte offsets into line and column.

/// The text of one rule file, kept as UTF-8 bytes so every stage can address it by offset.
///
/// Locations everywhere else are byte offsets into this buffer; line and column are
/// computed only when a message is rendered, so the lexer and parser never track them.
public struct SourceFile: Sendable {
    /// The path shown in diagnostics (as the user typed it, or a name the host chose).
    public let path: String
    /// The file's bytes. Invalid UTF-8 is kept as it is; the lexer reports it.
    public let bytes: [UInt8]
    /// Byte offset of the first byte of every line.
    let lineStarts: [Int]
    /// Lines that come before this text in what it is part of: an entry read from line 40 of
    /// what was piped into the REPL has 39, so its errors say `input:40:5`.
    public let linesBefore: Int

    public init(path: String, text: String, linesBefore: Int = 0) {
        self.init(path: path, bytes: Array(text.utf8), linesBefore: linesBefore)
    }

    public init(path: String, bytes: [UInt8], linesBefore: Int = 0) {
        self.path = path
        self.bytes = bytes
        self.linesBefore = linesBefore
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        self.lineStarts = starts
    }

    /// The 1-based line and column of a byte offset; the column counts Unicode scalars.
    public func location(of offset: Int) -> SourceLocation {
        let clamped = max(0, min(offset, bytes.count))
        let line = lineIndex(containing: clamped)
        let start = lineStarts[line]
        let column = scalarCount(from: start, to: clamped) + 1
        return SourceLocation(line: linesBefore + line + 1, column: column)
    }

    /// The text of a 1-based line (counted as `location(of:)` counts) without its line break.
    public func lineText(_ numbered: Int) -> String {
        let line = numbered - linesBefore
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    /// The text a range covers.
    public func text(in range: SourceRange) -> String {
        let start = max(0, min(range.start, bytes.count))
        let end = max(start, min(range.end, bytes.count))
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private func lineIndex(containing offset: Int) -> Int {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// Counts scalars rather than bytes so carets line up under non-ASCII text.
    private func scalarCount(from start: Int, to end: Int) -> Int {
        var count = 0
        for index in start..<end where bytes[index] & 0xC0 != 0x80 { count += 1 }
        return count
    }
}

/// A 1-based line and column, computed from a byte offset for display.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    public var description: String { "\(line):\(column)" }
}

/// A half-open range of byte offsets `[start, end)` in one source file.
public struct SourceRange: Sendable, Hashable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    /// The smallest range covering both.
    public func joined(with other: SourceRange) -> SourceRange {
        SourceRange(start: min(start, other.start), end: max(end, other.end))
    }

    static let none = SourceRange(start: 0, end: 0)
}
