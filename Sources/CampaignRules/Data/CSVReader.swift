// Splitting CSV text (RFC 4180) into records of fields, as byte ranges, in one linear pass.

/// A malformation in CSV text, at a record (numbered as a spreadsheet shows it) and a field.
struct CSVError: Error {
    let kind: DiagnosticKind
    /// The record's row: the header is row 1.
    let row: Int
    /// The 1-based field number.
    let column: Int
    let message: String
    let fix: String?
}

/// Reads CSV records from UTF-8 bytes, one at a time, without copying fields.
///
/// Accepts RFC 4180 and the usual liberties of exported files: a UTF-8 byte-order mark, LF,
/// CRLF or CR line ends, and a last record with or without a line end. A quoted field may hold
/// commas, line breaks and doubled quotes (`""`). Lines with nothing on them are skipped but
/// still counted, so row numbers match a spreadsheet. Every field must be valid UTF-8.
///
/// Fields are byte ranges into the input; only a field with doubled quotes is ever copied, to
/// undo them. Each byte is looked at once, so any input, of any size, reads in linear time.
struct CSVReader {
    /// Where one field's text lies in the input.
    struct Field {
        /// The text between the quotes, for a quoted field.
        var start: Int
        var end: Int
        /// A quoted field whose text still holds `""` pairs, to be undone when read.
        var hasDoubledQuotes: Bool
    }

    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var position: Int
    /// The row of the record most recently read (0 before the first).
    private(set) var row = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        let hasByteOrderMark = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        self.position = hasByteOrderMark ? 3 : 0
    }

    /// A reader for a part of a file that starts at a record, after `rowsBefore` rows.
    init(part bytes: UnsafeBufferPointer<UInt8>, rowsBefore: Int) {
        self.bytes = bytes
        self.position = 0
        self.row = rowsBefore
    }

    /// Reads the next record's fields into `fields` (replacing what it held); false at the end of the input.
    mutating func readRecord(into fields: inout [Field]) throws(CSVError) -> Bool {
        fields.removeAll(keepingCapacity: true)
        // Skip empty lines, counting each as a row.
        while position < bytes.count, bytes[position] == UInt8(ascii: "\n") || bytes[position] == UInt8(ascii: "\r") {
            row += 1
            skipLineEnd()
        }
        guard position < bytes.count else { return false }
        row += 1
        while true {
            let field = try readField(number: fields.count + 1)
            fields.append(field)
            guard position < bytes.count else { return true }
            if bytes[position] == UInt8(ascii: ",") {
                // Even at a line end or the end of the input, a comma is followed by one more (empty) field.
                position += 1
                continue
            }
            skipLineEnd()
            return true
        }
    }

    /// Moves past records read by someone else (see `PlainRowDecoder`), which end at `position`.
    mutating func skip(to position: Int, records: Int) {
        self.position = position
        row += records
    }

    /// Calls `body` with a field's text, its doubled quotes undone.
    func withText<Result>(of field: Field, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let raw = UnsafeBufferPointer(rebasing: bytes[field.start..<field.end])
        guard field.hasDoubledQuotes else { return body(raw) }
        var text: [UInt8] = []
        text.reserveCapacity(raw.count)
        var index = 0
        while index < raw.count {
            text.append(raw[index])
            // Of each `""` pair, keep one.
            index += raw[index] == UInt8(ascii: "\"") ? 2 : 1
        }
        return text.withUnsafeBufferPointer(body)
    }

    /// The field's text as a string (for headers and messages).
    func string(of field: Field) -> String {
        withText(of: field) { String(decoding: $0, as: UTF8.self) }
    }

    /// Consumes `\n`, `\r\n` or `\r`.
    private mutating func skipLineEnd() {
        if bytes[position] == UInt8(ascii: "\r") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "\n") { position += 1 }
        } else {
            position += 1
        }
    }

    /// Reads one field, leaving `position` at the comma, line end or end of input after it.
    private mutating func readField(number: Int) throws(CSVError) -> Field {
        if position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
            return try readQuotedField(number: number)
        }
        let start = position
        var allBits: UInt8 = 0
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
            if byte == UInt8(ascii: "\"") {
                throw CSVError(
                    kind: .invalidInput, row: row, column: number,
                    message: "a quote inside a field that does not start with one",
                    fix: "put the whole field in quotes and double the quote inside it, as in `\"5\"\" screen\"`")
            }
            allBits |= byte
            position += 1
        }
        let field = Field(start: start, end: position, hasDoubledQuotes: false)
        // ASCII needs no check; anything else must be well-formed UTF-8.
        if allBits >= 0x80 { try checkEncoding(of: field, number: number) }
        return field
    }

    private mutating func readQuotedField(number: Int) throws(CSVError) -> Field {
        position += 1
        let start = position
        var hasDoubledQuotes = false
        var allBits: UInt8 = 0
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                if position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "\"") {
                    hasDoubledQuotes = true
                    position += 2
                    continue
                }
                let field = Field(start: start, end: position, hasDoubledQuotes: hasDoubledQuotes)
                position += 1
                if position < bytes.count {
                    let next = bytes[position]
                    guard next == UInt8(ascii: ",") || next == UInt8(ascii: "\n") || next == UInt8(ascii: "\r") else {
                        throw CSVError(
                            kind: .invalidInput, row: row, column: number,
                            message: "text follows the closing quote of a quoted field",
                            fix: "a quote inside a quoted field is written twice: `\"\"`")
                    }
                }
                if allBits >= 0x80 { try checkEncoding(of: field, number: number) }
                return field
            }
            allBits |= byte
            position += 1
        }
        throw CSVError(
            kind: .invalidInput, row: row, column: number,
            message: "the quoted field that starts here is not closed before the end of the file",
            fix: "close the field with `\"`; a quote inside a quoted field is written twice: `\"\"`")
    }

    private func checkEncoding(of field: Field, number: Int) throws(CSVError) {
        let text = UnsafeBufferPointer(rebasing: bytes[field.start..<field.end])
        guard String(validating: text, as: UTF8.self) == nil else { return }
        throw CSVError(
            kind: .invalidEncoding, row: row, column: number,
            message: "the field is not valid UTF-8 text",
            fix: "save the file as UTF-8 (it may be in Latin-1 or Windows-1252)")
    }
}
