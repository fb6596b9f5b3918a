// The rows of a CSV or NDJSON data file read a batch at a time, as a streamed run reads them.

/// The records of a CSV or NDJSON file, read and converted a batch at a time in file order, so
/// a file of any size streams through in the memory of a batch (a few megabytes of text; see
/// `StreamedRun`). Each batch is checked as `DataImport.load` checks a whole file and keeps
/// the file's row numbers in errors; a batch with a problem is an error, and the rows before
/// it have been handed out already, so a streamed run's output is whole only when it ends
/// without one.
public struct RowBatches {
    private enum Reader {
        case csv(CSVImport.Batches)
        case ndjson(NDJSONLines, RecordShape)
    }

    private var reader: Reader
    /// The file read, to tell an empty pipe from an empty file.
    private let file: FileInput?
    /// NDJSON lines are gathered to about this many rows a batch.
    static let ndjsonBatchRows = 65_536

    /// Batches of the file at `path`, in `format` (by default the one its extension names);
    /// `type` must be a list of records. `keeping` names the only fields to keep, as for
    /// `DataImport.load(contentsOfFile:as:limits:keeping:)`.
    public init(
        contentsOfFile path: String, format: DataImport.Format? = nil, as type: DeclaredType, limits: Limits = .default,
        keeping: Set<String>? = nil
    ) throws(DataImportError) {
        let input: FileInput
        do throws(FileReadError) {
            input = try FileInput(path: path, limit: limits.maximumDataSize, limitName: .maximumDataSize)
        } catch {
            throw DataImportError(error)
        }
        let named: DataImport.Format
        if let format { named = format } else { named = try DataImport.format(of: path) }
        try self.init(
            reading: { (buffer, wanted) throws(FileReadError) in try input.read(into: &buffer, upTo: wanted) },
            path: path, format: named, as: type, limits: limits, keeping: keeping, file: input)
    }

    /// Batches of what `read` delivers, in `format`; `path` names the data in errors.
    public init(
        reading read: @escaping DataImport.Reader, path: String, format: DataImport.Format, as type: DeclaredType,
        limits: Limits = .default, keeping: Set<String>? = nil
    ) throws(DataImportError) {
        try self.init(reading: read, path: path, format: format, as: type, limits: limits, keeping: keeping, file: nil)
    }

    /// `chunkSize` is only ever set small by tests, for many batches from little text.
    init(
        reading read: @escaping DataImport.Reader, path: String, format: DataImport.Format, as type: DeclaredType,
        limits: Limits, keeping: Set<String>?, file: FileInput?, chunkSize: Int = CSVChunks.chunkSize
    ) throws(DataImportError) {
        guard case .list(.record(let descriptor)) = type else {
            throw DataImportError(
                .invalidInput, path: path, row: nil, "only a list of records is read a batch at a time, but this input is declared `\(type.name)`",
                fix: "stream an input declared `list of` a record type")
        }
        let bounded = DataImport.bounded(read, path: path, limits: limits)
        switch format {
        case .csv:
            let chunks = CSVChunks(chunkSize: chunkSize, path: path, maximumRecord: limits.maximumLineLength, read: bounded)
            reader = .csv(CSVImport.Batches(chunks, path: path, descriptor: descriptor, threads: limits.maximumThreads, keeping: keeping))
        case .ndjson:
            let lines = NDJSONLines(bounded, path: path, element: .record(descriptor), maximumLine: limits.maximumLineLength)
            reader = .ndjson(lines, descriptor.shape)
        case .json:
            throw DataImportError(
                .invalidInput, path: path, row: nil, "a .json file is one value, read whole, so it cannot be streamed",
                fix: "give the rows as CSV, or as NDJSON (one JSON object a line, named .ndjson)")
        }
        self.file = file
    }

    /// The next rows, at least one; nil after the last.
    public mutating func next() throws(DataImportError) -> ValueList? {
        let rows = try nextRows()
        if rows == nil, let file, file.isPipe, file.bytesRead == 0 { throw DataImportError(file.emptyPipe()) }
        return rows
    }

    private mutating func nextRows() throws(DataImportError) -> ValueList? {
        do throws(DataImportError) {
            switch reader {
            case .csv(var batches):
                defer { reader = .csv(batches) }
                return try batches.next().map { ValueList($0) }
            case .ndjson(var lines, let shape):
                defer { reader = .ndjson(lines, shape) }
                var items: [Value] = []
                while items.count < RowBatches.ndjsonBatchRows, let part = try lines.next() {
                    items += part
                    if let failure = lines.failure() { throw failure }
                }
                guard !items.isEmpty else { return nil }
                return RecordTable(records: items, shape: shape).map { ValueList($0) } ?? ValueList(items)
            }
        } catch {
            // A pipe nothing wrote to reads as empty: say that, not "the file is empty".
            if let file, file.isPipe, file.bytesRead == 0 { throw DataImportError(file.emptyPipe()) }
            throw error
        }
    }
}
