// Line and column numbers for byte offsets into a data file, computed only when a problem is reported.

/// Turns byte offsets into 1-based lines and columns (columns count Unicode scalars, as rule-file diagnostics do).
///
/// Problems are mostly found in the order of the text, so each lookup goes on from the
/// last; only a lookup behind it starts over.
struct TextLocator {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let start: Int
    private var offset: Int
    private let firstLine: Int
    private var line: Int
    private var column = 1

    /// A locator of `bytes`, whose first line is line `linesBefore + 1` of the file.
    init(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, linesBefore: Int = 0) {
        self.bytes = bytes
        self.start = start
        self.offset = start
        self.firstLine = linesBefore + 1
        self.line = firstLine
    }

    mutating func location(of target: Int) -> (line: Int, column: Int) {
        if target < offset { (offset, line, column) = (start, firstLine, 1) }
        let target = min(target, bytes.count)
        while offset < target {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            offset += 1
        }
        return (line, column)
    }
}
