// Dropping a partitioned run's rows of other partitions from their bytes, before converting them.

/// Tells, from a CSV row's key cell, that the row belongs to another partition, so a
/// partitioned run converts only about its share of the file. It judges only what it can
/// judge exactly: a non-empty cell of a Text field, whose value is its text as written, hashes
/// as `Partition` hashes that text. An empty cell (which takes a default), or a key of another
/// type (`1.50` is the number `1.5`), is left for the loaded value to be judged.
struct RowFilter: Sendable {
    let position: Int
    let partition: Partition

    /// A filter on `field` of the record, when the file has a column for it and it is Text; else nil.
    init?(_ field: String, _ partition: Partition, descriptor: DeclaredType.RecordDescriptor, sources: [CSVImport.Source]) {
        guard let index = descriptor.fields.firstIndex(where: { $0.name == field }), index < sources.count,
            case .column(let position, .text, nil, _) = sources[index]
        else { return nil }
        self.position = position
        self.partition = partition
    }

    /// Whether the row surely belongs to another partition. A row too short to have the cell
    /// is kept, to be reported.
    func drops(_ fields: [CSVReader.Field], _ reader: CSVReader) -> Bool {
        guard position < fields.count else { return false }
        return reader.withText(of: fields[position]) { text in
            !text.isEmpty && Int(Partition.hash(bytes: text) % UInt64(partition.count)) != partition.index
        }
    }
}
