// Dropping a partitioned run's rows of other partitions from their bytes, before converting them.

/// Tells, from a CSV row's key cell, that the row belongs to another partition, so a
/// partitioned run converts only about its share of the file. It judges only what it can
/// judge exactly: a non-empty cell of a Text field, whose value is its text as written, hashes
/// as `Partition` hashes that text. An empty cell (which takes a default), or a key of another
/// type (`1.50` is the number `1.5`), is left for the loaded value to be judged.
struct RowFilter: Sendable {
    let position: Int
    let partition: Partition

    /// What a look at the next record's bytes tells.
    enum Judgement {
        /// The record was another partition's, and the reader is past it.
        case dropped
        /// The record is this partition's: read it.
        case kept
        /// The bytes could not tell (a quote, a short row, an empty key): read it and ask `drops`.
        case unknown
    }

    /// A filter on `field` of the record, when the file has a column for it and it is Text; else nil.
    init?(_ field: String, _ partition: Partition, descriptor: DeclaredType.RecordDescriptor, sources: [CSVImport.Source]) {
        guard let index = descriptor.fields.firstIndex(where: { $0.name == field }), index < sources.count,
            case .column(let position, .text, nil, _) = sources[index]
        else { return nil }
        self.position = position
        self.partition = partition
    }

    /// Judges the reader's next record from its key cell, without splitting it into fields, when
    /// it is a plain line (no quote up to its end): a record of another partition is stepped
    /// over, its line only looked through for its end. Anything else leaves the reader where it was.
    func judge(_ reader: inout CSVReader) -> Judgement {
        let bytes = reader.bytes
        var index = reader.position, column = 0, cellStart = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { return .unknown }
            // The line ends: in the key cell when it is the last column, else the row is short.
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                if column == position { break }
                return .unknown
            }
            if byte == UInt8(ascii: ",") {
                if column == position { break }
                column += 1
                cellStart = index + 1
            }
            index += 1
        }
        guard column == position, index > cellStart else { return .unknown }
        if partition.contains(bytes: UnsafeBufferPointer(rebasing: bytes[cellStart..<index])) { return .kept }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                // A line ending in `\r\n` is one record; a lone `\r` is left to the reader.
                reader.skip(to: index + 1, records: 1)
                return .dropped
            }
            if byte == UInt8(ascii: "\"") || (byte == UInt8(ascii: "\r") && (index + 1 == bytes.count || bytes[index + 1] != UInt8(ascii: "\n"))) {
                return .unknown
            }
            index += 1
        }
        return .unknown
    }

    /// Whether a record the bytes could not judge surely belongs to another partition. A row
    /// too short to have the cell is kept, to be reported.
    func drops(_ fields: [CSVReader.Field], _ reader: CSVReader) -> Bool {
        guard position < fields.count else { return false }
        return reader.withText(of: fields[position]) { text in !text.isEmpty && !partition.contains(bytes: text) }
    }

    /// Whether to drop the record just read, given what the bytes told before it was read.
    func drops(_ judged: Judgement, _ fields: [CSVReader.Field], _ reader: CSVReader) -> Bool {
        judged == .unknown && drops(fields, reader)
    }
}
