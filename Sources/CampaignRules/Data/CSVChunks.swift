// Splitting CSV text, as it is read, into chunks of whole records, each with the rows before it.

/// Cuts CSV text into chunks that each end after a record, so that a file of any size is read
/// a chunk at a time (and chunks can be converted on separate threads).
///
/// A chunk ends just after a line feed that is outside quotes: a quoted field may hold line
/// breaks, so the quotes are followed from the start of the text (each `"` toggles, and a
/// doubled `""` toggles twice). The rows before a chunk are the line ends outside quotes
/// before it (`\n`, `\r\n` or a lone `\r`), which is how `CSVReader` counts rows, so every
/// row number read in a chunk is the file's own. Text with a malformed quote may make a
/// chunk run to the end of the file; the reader then reports the malformation.
struct CSVChunks {
    /// Bytes to read at a time; a chunk holds about this much unless the text ends first.
    static let chunkSize = 1 << 18
    private let chunkSize: Int

    /// Appends up to the given number of bytes to the buffer and returns how many; 0 at the end.
    /// A read that fails throws, and the load fails with it: no chunk is made of what came before.
    typealias Read = (inout [UInt8], Int) throws(DataImportError) -> Int

    private let read: Read
    /// The longest record allowed (`Limits.maximumLineLength`): text with no line break, or a
    /// quote left open, stops here instead of being read whole into memory.
    private let maximumRecord: Int
    /// The file, for errors.
    private let path: String
    private var buffer: [UInt8] = []
    /// How much of `buffer` has been looked at for quotes and line ends.
    private var scanned = 0
    /// Just past the last line feed outside quotes in `buffer[..<scanned]`; 0 for none.
    private var boundary = 0
    /// Line ends outside quotes in `buffer[..<boundary]`, and in `buffer[boundary..<scanned]`.
    private var rowsToBoundary = 0, rowsAfterBoundary = 0
    private var inQuotes = false
    private var afterCarriageReturn = false
    private var ended = false
    /// Rows in the chunks already handed out.
    private(set) var rowsBefore = 0

    /// Chunks of what `read` delivers; `chunkSize` is only ever set small by tests and the fuzzer.
    init(
        chunkSize: Int = CSVChunks.chunkSize, path: String, maximumRecord: Int = Limits.default.maximumLineLength,
        read: @escaping Read
    ) {
        self.chunkSize = max(1, chunkSize)
        self.read = read
        self.path = path
        self.maximumRecord = maximumRecord
    }

    /// Chunks of bytes already in memory.
    init(
        _ bytes: UnsafeBufferPointer<UInt8>, chunkSize: Int = CSVChunks.chunkSize, path: String = "",
        maximumRecord: Int = Limits.default.maximumLineLength
    ) {
        var offset = 0
        let copy = Array(bytes)
        self.init(chunkSize: chunkSize, path: path, maximumRecord: maximumRecord) { buffer, wanted in
            let end = min(copy.count, offset + wanted)
            buffer.append(contentsOf: copy[offset..<end])
            defer { offset = end }
            return end - offset
        }
    }

    /// The next chunk and the rows before it, or nil when the text is used up.
    mutating func next() throws(DataImportError) -> (bytes: [UInt8], rowsBefore: Int)? {
        // Read until there is a whole record and enough bytes, or the text ends.
        while !ended && (boundary == 0 || buffer.count < chunkSize) {
            if boundary == 0, buffer.count > maximumRecord { throw recordTooLong() }
            if try read(&buffer, chunkSize) == 0 { ended = true } else { scan() }
        }
        if ended, buffer.count - boundary > maximumRecord { throw recordTooLong() }
        if ended {
            guard !buffer.isEmpty else { return nil }
            defer {
                rowsBefore += rowsToBoundary + rowsAfterBoundary
                buffer = []
                (scanned, boundary, rowsToBoundary, rowsAfterBoundary) = (0, 0, 0, 0)
            }
            return (buffer, rowsBefore)
        }
        // The buffer itself becomes the chunk; only the start of the next record is copied.
        var chunk: [UInt8] = []
        swap(&chunk, &buffer)
        buffer.reserveCapacity(chunkSize + (chunk.count - boundary) + chunkSize / 4)
        buffer.append(contentsOf: chunk[boundary...])
        chunk.removeSubrange(boundary...)
        scanned -= boundary
        boundary = 0
        defer {
            rowsBefore += rowsToBoundary
            rowsToBoundary = 0
        }
        return (chunk, rowsBefore)
    }

    /// The error for a record longer than the limit, at the row it starts on.
    private func recordTooLong() -> DataImportError {
        let cause = inQuotes ? "; a quote opened in it is never closed, so the rest of the file reads as one field" : ""
        return DataImportError(
            .limitExceeded, path: path, row: rowsBefore + rowsToBoundary + 1,
            "a record is longer than \(ByteCount(maximumRecord))\(cause) \(Limits.Name.maximumLineLength.note)",
            fix: inQuotes
                ? "close the quote, or double a quote that belongs in the text (`\"\"`)"
                : "check that the file is CSV with one record a line, or raise the limit")
    }

    /// Follows quotes and line ends through the bytes read since the last scan.
    private mutating func scan() {
        let bytes = buffer
        bytes.withUnsafeBufferPointer { bytes in scan(bytes) }
        scanned = buffer.count
    }

    private mutating func scan(_ buffer: UnsafeBufferPointer<UInt8>) {
        var index = scanned
        while index < buffer.count {
            // Eight bytes at a time while none is a quote, line end or other control byte:
            // those are most of a data file, and need nothing but the step past them.
            if index + 8 <= buffer.count,
                !CSVChunks.hasSpecialByte(UnsafeRawPointer(buffer.baseAddress! + index).loadUnaligned(as: UInt64.self))
            {
                afterCarriageReturn = false
                index += 8
                continue
            }
            let byte = buffer[index]
            index += 1
            // Everything above `"` (digits, letters, commas) is ordinary text.
            if byte > UInt8(ascii: "\"") {
                afterCarriageReturn = false
                continue
            }
            if byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
                afterCarriageReturn = false
                continue
            }
            guard !inQuotes else { continue }
            if byte == UInt8(ascii: "\n") {
                // `\r\n` is one line end, counted at its `\r`.
                if !afterCarriageReturn { rowsAfterBoundary += 1 }
                rowsToBoundary += rowsAfterBoundary
                rowsAfterBoundary = 0
                boundary = index
            } else if byte == UInt8(ascii: "\r") {
                rowsAfterBoundary += 1
            }
            afterCarriageReturn = byte == UInt8(ascii: "\r")
        }
    }

    /// Whether any of the eight bytes is below `#` (a quote, a line end, a control byte):
    /// subtracting `#` from each byte borrows into its top bit only for those below it, and
    /// bytes from 0x80 up (whose top bit is set already) are masked out.
    @inline(__always)
    static func hasSpecialByte(_ word: UInt64) -> Bool {
        (word &- 0x2323_2323_2323_2323) & ~word & 0x8080_8080_8080_8080 != 0
    }
}
