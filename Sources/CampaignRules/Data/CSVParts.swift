// Splitting a CSV file's rows into parts that can be read on separate threads.

/// Contiguous parts of a CSV file's rows, each starting at a record, with the rows before it.
///
/// Only a file without any `"` is split: then no field holds a line break, so every `\n` ends
/// a record. The rows before a part are its line ends before it (`\n`, `\r\n` or a lone `\r`),
/// which is how `CSVReader` counts rows, so every row number in a part is the file's own.
struct CSVParts {
    /// Below this many bytes a part, a thread costs more than it saves.
    static let minimumPartSize = 256 << 10

    let ranges: [Range<Int>]
    let rowsBefore: [Int]

    /// Nil when the rows from `start` should be read on one thread.
    init?(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, rowsBefore firstRows: Int, count wanted: Int) {
        let count = min(wanted, (bytes.count - start) / CSVParts.minimumPartSize)
        guard count > 1, !bytes[start...].contains(UInt8(ascii: "\"")) else { return nil }
        var ranges: [Range<Int>] = [], rowsBefore: [Int] = []
        var partStart = start, rows = firstRows
        for index in 1...count {
            var end = index == count ? bytes.count : max(partStart, start + (bytes.count - start) * index / count)
            // Move the cut just past the next line feed, so the next part starts a record.
            while end < bytes.count, end > partStart, bytes[end - 1] != UInt8(ascii: "\n") { end += 1 }
            ranges.append(partStart..<end)
            rowsBefore.append(rows)
            rows += CSVParts.lineEnds(in: UnsafeBufferPointer(rebasing: bytes[partStart..<end]))
            partStart = end
        }
        self.ranges = ranges.filter { !$0.isEmpty }
        self.rowsBefore = zip(ranges, rowsBefore).filter { !$0.0.isEmpty }.map(\.1)
    }

    /// `\n`, `\r\n` and a lone `\r` each end one line.
    static func lineEnds(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        for index in bytes.indices {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                count += 1
            } else if byte == UInt8(ascii: "\r"), index + 1 == bytes.count || bytes[index + 1] != UInt8(ascii: "\n") {
                count += 1
            }
        }
        return count
    }
}
