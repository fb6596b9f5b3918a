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

    /// Loads the data file at `path`, its format chosen by its extension. A CSV file is read a
    /// chunk at a time (see `CSVChunks`), so its text is never all in memory at once; JSON and
    /// NDJSON are read whole.
    public static func load(contentsOfFile path: String, as type: DeclaredType, threads: Int = 1) throws(DataImportError) -> Value {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DataImportError(.invalidInput, path: path, row: nil, "cannot read the file", fix: "check the path and that the file is readable")
        }
        defer { try? handle.close() }
        guard Format(path: path) == .csv, case .list(.record(let descriptor)) = type else {
            let bytes = ((try? handle.readToEnd()) ?? nil).map { [UInt8]($0) } ?? []
            return try load(bytes, path: path, as: type, threads: threads)
        }
        var chunks = CSVChunks { buffer, wanted in
            guard let data = try? handle.read(upToCount: wanted), !data.isEmpty else { return 0 }
            buffer.append(contentsOf: data)
            return data.count
        }
        return .list(ValueList(try CSVImport.load(&chunks, path: path, descriptor: descriptor, threads: threads)))
    }

    /// Loads a data file, its format chosen by the extension of `path` (which also locates errors).
    /// A large CSV file may be converted on up to `threads` threads, with the same result.
    public static func load(_ bytes: [UInt8], path: String, as type: DeclaredType, threads: Int = 1) throws(DataImportError) -> Value {
        guard let format = Format(path: path) else {
            throw DataImportError(
                .invalidInput, path: path, row: nil, "cannot tell the format of the data file from its name",
                fix: "name it with the extension .csv, .json, .ndjson or .jsonl")
        }
        return try load(bytes, path: path, format: format, as: type, threads: threads)
    }

    /// Loads a data file in a given format; `path` only names the file in errors.
    ///
    /// CSV needs `list of` a record type. NDJSON needs a list, of any element type. JSON takes
    /// any declared type.
    public static func load(
        _ bytes: [UInt8], path: String, format: Format, as type: DeclaredType, threads: Int = 1
    ) throws(DataImportError) -> Value {
        switch format {
        case .csv:
            return try read(bytes, path: path, format: format, as: type, threads: threads)
        case .json, .ndjson:
            // JSON is read recursively, up to `JSONReader.maximumDepth` levels; that many frames
            // can outgrow the 512 KB stack of a host's secondary thread, so it runs on a deep one.
            return try DeepStack.run { () throws(DataImportError) -> Value in
                try read(bytes, path: path, format: format, as: type)
            }
        }
    }

    private static func read(
        _ bytes: [UInt8], path: String, format: Format, as type: DeclaredType, threads: Int = 1
    ) throws(DataImportError) -> Value {
        try bytes.withUnsafeBufferPointer { (bytes) throws(DataImportError) -> Value in
            switch format {
            case .csv:
                guard case .list(.record(let descriptor)) = type else {
                    throw unsuitable(type, path: path, "a CSV file loads into a list of records")
                }
                return .list(ValueList(try CSVImport.load(bytes, path: path, descriptor: descriptor, threads: threads)))
            case .json:
                return try loadJSON(bytes, path: path, as: type)
            case .ndjson:
                guard case .list(let element) = type else {
                    throw unsuitable(type, path: path, "an NDJSON file loads into a list, one item per line")
                }
                return .list(try loadNDJSON(bytes, path: path, element: element))
            }
        }
    }

    private static func unsuitable(_ type: DeclaredType, path: String, _ rule: String) -> DataImportError {
        DataImportError(
            .invalidInput, path: path, row: nil, "\(rule), but this input is declared `\(type.name)`",
            fix: "declare the input as `list of` a record type, or give its value in a .json file")
    }

    /// One JSON value of `type` filling the whole file.
    private static func loadJSON(_ bytes: UnsafeBufferPointer<UInt8>, path: String, as type: DeclaredType) throws(DataImportError) -> Value {
        var reader = JSONReader(bytes, path: path)
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

    /// One JSON value of `element` per non-blank line; a malformed line is reported and the next one read.
    private static func loadNDJSON(
        _ bytes: UnsafeBufferPointer<UInt8>, path: String, element: DeclaredType
    ) throws(DataImportError) -> [Value] {
        var reader = JSONReader(bytes, path: path)
        reader.endName = "line"
        var items: [Value] = []
        var lineStart = reader.position
        while lineStart < bytes.count, !reader.log.isFull {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
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
        if let failure = reader.log.failure() { throw failure }
        return items
    }
}
