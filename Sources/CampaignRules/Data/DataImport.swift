// The entry point of data import: a CSV, JSON or NDJSON file's bytes to a value of a declared type.

import Foundation

/// Loads data files into the values rule files compute with (`--data affiliates=FILE`).
///
/// ```swift
/// let bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
/// let affiliates = try DataImport.load(bytes, path: path, as: .list(.record(affiliate)))
/// ```
///
/// Loading is all-or-nothing and exact: money and numbers go from their text to
/// `DecimalNumber` without binary floating point, and a file with any problem gives no value
/// but a `DataImportError` listing its problems by row and column (see there for the cap).
public enum DataImport {
    /// The formats data files come in.
    public enum Format: String, Sendable, CaseIterable {
        /// RFC 4180 with a header row; loads into a list of records.
        case csv
        /// One JSON value of the declared type; for a list of records, an array of objects.
        case json
        /// One JSON value per line (blank lines are skipped); loads into a list.
        case ndjson

        /// The format a file name's extension names (`.csv`, `.json`, `.ndjson`, `.jsonl`, any case), or nil.
        public init?(path: String) {
            let name = path.split(separator: "/").last ?? Substring(path)
            guard let dot = name.lastIndex(of: ".") else { return nil }
            switch name[name.index(after: dot)...].lowercased() {
            case "csv": self = .csv
            case "json": self = .json
            case "ndjson", "jsonl": self = .ndjson
            default: return nil
            }
        }
    }

    /// Appends up to the given number of bytes to the buffer and returns how many, 0 at the
    /// end of the data; a failure throws, and then the whole load fails.
    public typealias Reader = (inout [UInt8], Int) throws(FileReadError) -> Int

    /// Loads the data file at `path`, its format chosen by its extension, under `limits`
    /// (`maximumDataSize`, `maximumLineLength`, and `maximumThreads` to convert a large CSV
    /// file on several threads with the same result).
    ///
    /// CSV and NDJSON files are read a part at a time, so their text is never all in memory;
    /// JSON is read whole. A file that cannot be read — missing, a directory, a device, larger
    /// than the limit, or failing part-way through — is an error naming it and the cause,
    /// never an empty or shortened list.
    ///
    /// `keeping` names the only fields of a CSV file's records to keep (see
    /// `CompiledProgram.observedFields(ofInput:printing:)`); every cell of the others is still
    /// read and checked, and a problem in one is still an error, but their values are dropped
    /// (missing in every record), which saves their memory.
    ///
    /// `format` overrides the extension's, for a path that has none (`/dev/stdin`).
    public static func load(
        contentsOfFile path: String, format: Format? = nil, as type: DeclaredType, limits: Limits = .default,
        keeping: Set<String>? = nil
    ) throws(DataImportError) -> Value {
        try loadFile(path, format: format, as: type, limits: limits, keeping: keeping, partition: nil).value
    }

    /// Loads the rows of the file whose `field` falls in `partition` (see `Partition`), and says
    /// how many rows the file has: what a partitioned run reads. A CSV row whose `field` is
    /// text is dropped before its other cells are converted (or checked: the partition that
    /// keeps it checks them), so each of N processes converts about a 1/N share of the file.
    public static func load(
        contentsOfFile path: String, format: Format? = nil, as type: DeclaredType, limits: Limits = .default,
        keeping: Set<String>? = nil, partition: Partition, by field: String
    ) throws(DataImportError) -> (value: Value, rows: Int) {
        let (loaded, dropped) = try loadFile(path, format: format, as: type, limits: limits, keeping: keeping, partition: (field, partition))
        guard case .list(let rows) = loaded else { return (loaded, dropped) }
        // A row the filter could not judge by its bytes (another type, an empty cell) is judged by its value.
        return (.list(rows.keeping(partition, by: field)), rows.count + dropped)
    }

    private static func loadFile(
        _ path: String, format: Format?, as type: DeclaredType, limits: Limits, keeping: Set<String>?,
        partition: (field: String, partition: Partition)?
    ) throws(DataImportError) -> (value: Value, dropped: Int) {
        let input: FileInput
        do throws(FileReadError) {
            input = try FileInput(path: path, limit: limits.maximumDataSize, limitName: .maximumDataSize)
        } catch {
            throw DataImportError(error)
        }
        let named: Format
        if let format { named = format } else { named = try self.format(of: path) }
        let value: (value: Value, dropped: Int)
        do throws(DataImportError) {
            value = try load(
                reading: { (buffer, wanted) throws(FileReadError) in try input.read(into: &buffer, upTo: wanted) },
                path: path, format: named, as: type, limits: limits, expectedBytes: input.size, keeping: keeping, partition: partition)
        } catch {
            // A named pipe nothing writes to reads as empty: say that, not "the file is empty".
            if input.isPipe, input.bytesRead == 0 { throw DataImportError(input.emptyPipe()) }
            throw error
        }
        if input.isPipe, input.bytesRead == 0 { throw DataImportError(input.emptyPipe()) }
        return value
    }

    /// Loads the bytes `read` delivers, in the given format; `path` names the data in errors.
    ///
    /// This is how a host loads data from anywhere but a file (a network stream, a database
    /// blob), and how tests inject a read that fails part-way: a `read` that throws fails
    /// the load with its error, whatever was read before.
    public static func load(
        reading read: @escaping Reader, path: String, format: Format, as type: DeclaredType, limits: Limits = .default
    ) throws(DataImportError) -> Value {
        try load(reading: read, path: path, format: format, as: type, limits: limits, expectedBytes: nil, keeping: nil).value
    }

    /// The same, sizing columns for about `expectedBytes` of data when that is known (a
    /// regular file's size), and with `partition`, dropping CSV rows of other partitions
    /// before converting them; returns how many it dropped.
    static func load(
        reading read: @escaping Reader, path: String, format: Format, as type: DeclaredType, limits: Limits, expectedBytes: Int?,
        keeping: Set<String>?, partition: (field: String, partition: Partition)? = nil
    ) throws(DataImportError) -> (value: Value, dropped: Int) {
        let bounded = self.bounded(read, path: path, limits: limits)
        switch format {
        case .csv:
            guard case .list(.record(let descriptor)) = type else {
                throw unsuitable(type, path: path, "a CSV file loads into a list of records")
            }
            var chunks = CSVChunks(path: path, maximumRecord: limits.maximumLineLength, read: bounded)
            let (table, dropped) = try CSVImport.load(
                &chunks, path: path, descriptor: descriptor, threads: limits.maximumThreads, expectedBytes: expectedBytes,
                keeping: keeping, partition: partition)
            return (.list(ValueList(table)), dropped)
        case .ndjson:
            guard case .list(let element) = type else {
                throw unsuitable(type, path: path, "an NDJSON file loads into a list, one item per line")
            }
            let value = try DeepStack.run { () throws(DataImportError) -> Value in
                var lines = NDJSONLines(bounded, path: path, element: element, maximumLine: limits.maximumLineLength)
                var items: [Value] = []
                while let part = try lines.next() { items += part }
                if let failure = lines.failure() { throw failure }
                return .list(ValueList(items))
            }
            return (value, 0)
        case .json:
            var bytes: [UInt8] = []
            while try bounded(&bytes, 1 << 20) > 0 {}
            // JSON is read recursively, up to `JSONReader.maximumDepth` levels; that many frames
            // can outgrow the 512 KB stack of a host's secondary thread, so it runs on a deep one.
            let value = try DeepStack.run { () throws(DataImportError) -> Value in
                try bytes.withUnsafeBufferPointer { (bytes) throws(DataImportError) -> Value in
                    try loadJSON(bytes, path: path, as: type)
                }
            }
            return (value, 0)
        }
    }

    /// `read`, stopping with a limit error once it has delivered more than `maximumDataSize`.
    static func bounded(_ read: @escaping Reader, path: String, limits: Limits) -> CSVChunks.Read {
        var total = 0
        return { (buffer, wanted) throws(DataImportError) -> Int in
            let got: Int
            do throws(FileReadError) { got = try read(&buffer, wanted) } catch { throw DataImportError(error) }
            total += got
            guard total <= limits.maximumDataSize else {
                throw DataImportError(
                    .limitExceeded, path: path, row: nil,
                    "the data holds more than \(ByteCount(limits.maximumDataSize)) \(Limits.Name.maximumDataSize.note)",
                    fix: "split the data, or raise the limit")
            }
            return got
        }
    }

    /// Loads a data file's bytes, its format chosen by the extension of `path` (which also
    /// locates errors).
    public static func load(_ bytes: [UInt8], path: String, as type: DeclaredType, limits: Limits = .default) throws(DataImportError) -> Value {
        try load(bytes, path: path, format: format(of: path), as: type, limits: limits)
    }

    /// Loads a data file's bytes in a given format; `path` only names the file in errors.
    ///
    /// CSV needs `list of` a record type. NDJSON needs a list, of any element type. JSON takes
    /// any declared type.
    public static func load(
        _ bytes: [UInt8], path: String, format: Format, as type: DeclaredType, limits: Limits = .default
    ) throws(DataImportError) -> Value {
        try load(reading: reader(over: bytes), path: path, format: format, as: type, limits: limits)
    }

    /// A `Reader` that delivers `bytes`, as much as is asked at a time.
    static func reader(over bytes: [UInt8]) -> Reader {
        var offset = 0
        return { (buffer, wanted) throws(FileReadError) -> Int in
            let end = min(bytes.count, offset + wanted)
            buffer.append(contentsOf: bytes[offset..<end])
            defer { offset = end }
            return end - offset
        }
    }

    /// The format a data file's name gives, or an error saying how to name it.
    static func format(of path: String) throws(DataImportError) -> Format {
        guard let format = Format(path: path) else {
            throw DataImportError(
                .invalidInput, path: path, row: nil, "cannot tell the format of the data file from its name",
                fix: "name it with the extension .csv, .json, .ndjson or .jsonl")
        }
        return format
    }

    private static func unsuitable(_ type: DeclaredType, path: String, _ rule: String) -> DataImportError {
        DataImportError(
            .invalidInput, path: path, row: nil, "\(rule), but this input is declared `\(type.name)`",
            fix: "declare the input as `list of` a record type, or give its value in a .json file")
    }

    /// One JSON value of `type` filling the whole file.
    private static func loadJSON(_ bytes: UnsafeBufferPointer<UInt8>, path: String, as type: DeclaredType) throws(DataImportError) -> Value {
        var reader = JSONReader(bytes, path: path)
        reader.zone = type.zone
        reader.campaign = type.campaignCurrency
        reader.skipWhitespace()
        guard reader.position < reader.end else {
            throw DataImportError(
                .invalidInput, path: path, row: 1, column: 1, "the file is empty; expected JSON such as `[{...}, {...}]`")
        }
        let reading: JSONReader.Reading
        do throws(JSONStop) {
            let start = reader.position
            reading = try reader.readValue(as: type, depth: 0, place: .top)
            reader.skipWhitespace()
            guard reader.position == reader.end else {
                throw JSONStop.syntax(
                    offset: reader.position, kind: .invalidInput, message: "more text follows the JSON value",
                    fix: "a .json file holds one value; for one object per line, name the file .ndjson")
            }
            if case .null = reading {
                _ = try reader.reject(at: start, .top, "expected \(type.name), found null")
            }
        } catch {
            throw reader.failure(for: error)
        }
        if let failure = reader.log.failure() { throw failure }
        guard case .value(let value) = reading else {
            // A rejected value always leaves a problem in the log, so this is not reached.
            throw DataImportError(.invalidInput, path: path, row: nil, "the file does not hold a \(type.name)")
        }
        return value
    }
}
