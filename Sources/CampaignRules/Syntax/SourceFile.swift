// A rule file's text with the line table that turns byte offsets into line and column, and the
// table of the imported files appended after it.

/// The text of one rule file, kept as UTF-8 bytes so every stage can address it by offset.
///
/// Locations everywhere else are byte offsets into this buffer; line and column are
/// computed only when a message is rendered, so the lexer and parser never track them.
///
/// A file that imports others is compiled as one source: its own bytes first (so its offsets
/// and lines are those of the file), then each imported file's, on lines of their own. The
/// segment table maps an offset back to the file it came from, so `path(at:)` and
/// `location(of:)` name the imported file and its own line and column.
public struct SourceFile: Sendable {
    /// The path shown in diagnostics (as the user typed it, or a name the host chose).
    public let path: String
    /// The file's bytes. Invalid UTF-8 is kept as it is; the lexer reports it.
    public let bytes: [UInt8]
    /// Where lines start, and the imported files: one reference rather than two arrays, since
    /// the parser holds a source and a debug build copies it on levels of its recursion (see
    /// `ParserLimits`).
    private let layout: Layout
    /// Lines that come before this text in what it is part of: an entry read from line 40 of
    /// what was piped into the REPL has 39, so its errors say `input:40:5`.
    public let linesBefore: Int

    private final class Layout: Sendable {
        /// Byte offset of the first byte of every line.
        let lineStarts: [Int]
        /// The imported files appended after the file's own text, in order; empty without imports.
        let segments: [Segment]

        init(lineStarts: [Int], segments: [Segment]) {
            self.lineStarts = lineStarts
            self.segments = segments
        }
    }

    /// One imported file's place in the source.
    struct Segment: Sendable {
        let path: String
        /// Its bytes in the source.
        let range: Range<Int>
        /// The index of its first line in `lineStarts`.
        let firstLine: Int
    }

    var lineStarts: [Int] { layout.lineStarts }
    var segments: [Segment] { layout.segments }

    public init(path: String, text: String, linesBefore: Int = 0) {
        self.init(path: path, bytes: Array(text.utf8), linesBefore: linesBefore)
    }

    public init(path: String, bytes: [UInt8], linesBefore: Int = 0) {
        self.init(path: path, bytes: bytes, linesBefore: linesBefore, segments: [])
    }

    /// A file followed by the files it imports, each starting on a line of its own.
    init(_ file: SourceFile, importing imported: [SourceFile]) {
        var bytes = file.bytes, segments: [Segment] = []
        for other in imported {
            bytes.append(UInt8(ascii: "\n"))
            segments.append(Segment(path: other.path, range: bytes.count..<bytes.count + other.bytes.count, firstLine: 0))
            bytes += other.bytes
        }
        self.init(path: file.path, bytes: bytes, linesBefore: file.linesBefore, segments: segments)
    }

    private init(path: String, bytes: [UInt8], linesBefore: Int, segments: [Segment]) {
        self.path = path
        self.bytes = bytes
        self.linesBefore = linesBefore
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        let located = segments.map { segment in
            Segment(path: segment.path, range: segment.range, firstLine: Self.lineIndex(of: segment.range.lowerBound, in: starts))
        }
        self.layout = Layout(lineStarts: starts, segments: located)
    }

    /// The paths of the imported files this source holds, in the order they were appended.
    public var importedPaths: [String] { segments.map(\.path) }

    /// The path of the file an offset falls in: this file's, or an imported one's.
    public func path(at offset: Int) -> String {
        segment(at: offset).map { segments[$0].path } ?? path
    }

    /// The bytes of the file an offset falls in, this file's own or an imported one's, as a
    /// range of this source: an editor subtracts its start to address that file alone.
    public func fileRange(at offset: Int) -> Range<Int> {
        segment(at: offset).map { segments[$0].range } ?? partRanges[0]
    }

    /// True when an offset falls in an imported file rather than in this file's own text.
    public func isImported(_ offset: Int) -> Bool { segment(at: offset) != nil }

    /// The byte ranges of this file's own text and of each imported file, in order.
    var partRanges: [Range<Int>] {
        [0..<(segments.first.map { $0.range.lowerBound - 1 } ?? bytes.count)] + segments.map(\.range)
    }

    /// The 1-based line and column of a byte offset, in the file it falls in; the column
    /// counts Unicode scalars.
    public func location(of offset: Int) -> SourceLocation {
        let clamped = max(0, min(offset, bytes.count))
        let line = lineIndex(containing: clamped)
        let start = lineStarts[line]
        let column = scalarCount(from: start, to: clamped) + 1
        guard let segment = segment(at: clamped) else { return SourceLocation(line: linesBefore + line + 1, column: column) }
        return SourceLocation(line: line - segments[segment].firstLine + 1, column: column)
    }

    /// The text of a 1-based line of this file's own text (counted as `location(of:)` counts)
    /// without its line break.
    public func lineText(_ numbered: Int) -> String {
        let line = numbered - linesBefore
        guard line >= 1, line <= lineStarts.count else { return "" }
        return text(ofLine: line - 1)
    }

    /// The text of the line an offset falls in, in whichever file that is, without its line break.
    public func lineText(containing offset: Int) -> String {
        text(ofLine: lineIndex(containing: max(0, min(offset, bytes.count))))
    }

    /// A number for the line an offset falls in that differs between lines of different files,
    /// where `location(of:).line` may not.
    func lineNumber(of offset: Int) -> Int {
        lineIndex(containing: max(0, min(offset, bytes.count)))
    }

    /// The text a range covers.
    public func text(in range: SourceRange) -> String {
        let start = max(0, min(range.start, bytes.count))
        let end = max(start, min(range.end, bytes.count))
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private func text(ofLine index: Int) -> String {
        let start = lineStarts[index]
        var end = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    /// The index of the imported file an offset falls in; nil for this file's own text (and
    /// the line break before the first import).
    private func segment(at offset: Int) -> Int? {
        guard let first = segments.first, offset >= first.range.lowerBound else { return nil }
        var low = 0, high = segments.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if segments[middle].range.lowerBound <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }

    private func lineIndex(containing offset: Int) -> Int {
        Self.lineIndex(of: offset, in: lineStarts)
    }

    private static func lineIndex(of offset: Int, in lineStarts: [Int]) -> Int {
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

    /// The range moved `distance` bytes on.
    func shifted(by distance: Int) -> SourceRange {
        SourceRange(start: start + distance, end: end + distance)
    }

    static let none = SourceRange(start: 0, end: 0)
}
