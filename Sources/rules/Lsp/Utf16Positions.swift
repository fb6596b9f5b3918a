// Conversion between the byte offsets the library uses and the protocol's positions: a line
// and a column counted in UTF-16 code units (an emoji counts two, `é` one, whatever its bytes).

/// A text's line starts, to turn byte offsets into `(line, UTF-16 column)` and back.
struct Utf16Positions {
    let bytes: [UInt8]
    private let lineStarts: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
        lineStarts = starts
    }

    /// The protocol position of a byte offset (clamped to the text).
    func position(of offset: Int) -> (line: Int, character: Int) {
        let clamped = max(0, min(offset, bytes.count))
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= clamped { low = middle } else { high = middle - 1 }
        }
        var units = 0, index = lineStarts[low]
        while index < clamped {
            let length = Self.sequenceLength(bytes[index])
            units += length == 4 ? 2 : 1
            index += length
        }
        return (low, units)
    }

    /// The byte offset of a protocol position. A line past the end means the end of the text; a
    /// column past the line's end means its end; a column inside a character (between the two
    /// halves of an emoji) means that character's start.
    func offset(line: Int, character: Int) -> Int {
        guard line >= 0 else { return 0 }
        guard line < lineStarts.count else { return bytes.count }
        let end = line + 1 < lineStarts.count ? lineStarts[line + 1] - 1 : bytes.count
        var index = lineStarts[line], units = 0
        while index < end {
            let length = Self.sequenceLength(bytes[index])
            let width = length == 4 ? 2 : 1
            if units + width > character { break }
            units += width
            index = min(index + length, end)
        }
        return index
    }

    /// The end of the text as a position.
    var end: (line: Int, character: Int) { position(of: bytes.count) }

    /// The bytes a UTF-8 sequence takes, from its first byte; an invalid byte counts as one
    /// (and as one UTF-16 unit, as the replacement character it decodes to).
    private static func sequenceLength(_ first: UInt8) -> Int {
        switch first {
        case 0xF0...0xF7: 4
        case 0xE0...0xEF: 3
        case 0xC0...0xDF: 2
        default: 1
        }
    }
}
