// Reading NDJSON text a part at a time: one value per non-blank line.

/// The values of NDJSON text, one per non-blank line, read a part of about 256 KB at a time;
/// each part ends at a line break, so no more than the longest line (at most `maximumLine`
/// bytes) is in memory beyond the part. A malformed line is recorded and the next one read;
/// once a problem is recorded no more values are returned, and `failure()` lists the problems.
struct NDJSONLines {
    private let read: CSVChunks.Read
    private let element: DeclaredType
    private let maximumLine: Int
    private var log: ProblemLog
    private var buffer: [UInt8] = []
    private var linesBefore = 0, scanned = 0, ended = false

    init(_ read: @escaping CSVChunks.Read, path: String, element: DeclaredType, maximumLine: Int) {
        self.read = read
        self.element = element
        self.maximumLine = maximumLine
        log = ProblemLog(path: path)
    }

    /// The values of the next part's lines (none for a part of blank lines, or once a problem
    /// is recorded); nil at the end of the text, or when the problems fill the log.
    mutating func next() throws(DataImportError) -> [Value]? {
        while !ended, !log.isFull {
            ended = try read(&buffer, 1 << 18) == 0
            // The part to read now: up to the last line break, or everything at the end.
            let lastBreak = buffer[scanned...].lastIndex(of: UInt8(ascii: "\n"))
            scanned = buffer.count
            guard let cut = ended ? buffer.count : lastBreak.map({ $0 + 1 }) else {
                if buffer.count > maximumLine { throw NDJSONLines.lineTooLong(log.path, line: linesBefore + 1, maximumLine) }
                continue
            }
            var items: [Value] = []
            try buffer.withUnsafeBufferPointer { (bytes) throws(DataImportError) in
                var reader = JSONReader(UnsafeBufferPointer(rebasing: bytes[..<cut]), path: log.path, linesBefore: linesBefore)
                reader.zone = element.zone
                reader.campaign = element.campaignCurrency
                reader.endName = "line"
                reader.log = log
                try readLines(&reader, into: &items)
                log = reader.log
            }
            linesBefore += buffer[..<cut].reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            buffer.removeFirst(cut)
            scanned = buffer.count
            return items
        }
        return nil
    }

    /// The problems recorded, as one error; nil when there are none.
    func failure() -> DataImportError? {
        log.failure()
    }

    /// Reads each line of the reader's text as one value of `element`.
    private func readLines(_ reader: inout JSONReader, into items: inout [Value]) throws(DataImportError) {
        let bytes = reader.bytes
        var lineStart = reader.position
        while lineStart < bytes.count, !reader.log.isFull {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            if lineEnd - lineStart > maximumLine {
                reader.position = lineStart
                throw NDJSONLines.lineTooLong(reader.log.path, line: reader.location(of: lineStart).line, maximumLine)
            }
            reader.position = lineStart
            reader.end = lineEnd
            reader.skipWhitespace()
            if reader.position < lineEnd {
                do throws(JSONStop) {
                    let start = reader.position
                    let reading = try reader.readValue(as: element, depth: 0, place: .top)
                    reader.skipWhitespace()
                    guard reader.position == lineEnd else {
                        throw JSONStop.syntax(
                            offset: reader.position, kind: .invalidInput,
                            message: "more text follows the JSON value; a line of NDJSON holds one value", fix: nil)
                    }
                    switch reading {
                    case .value(let value):
                        if reader.log.isEmpty { items.append(value) }
                    case .null:
                        _ = try reader.reject(at: start, .top, "expected \(element.name), found null")
                    case .rejected:
                        break
                    }
                } catch .problemLimitReached {
                    break
                } catch {
                    reader.recordSyntax(error)
                }
            }
            lineStart = lineEnd + 1
        }
    }

    private static func lineTooLong(_ path: String, line: Int, _ maximum: Int) -> DataImportError {
        DataImportError(
            .limitExceeded, path: path, row: line, "a line is longer than \(ByteCount(maximum)) \(Limits.Name.maximumLineLength.note)",
            fix: "check that the file holds one JSON value a line, or raise the limit")
    }
}
