// Loading CSV text into a list of one declared record type: the header is checked first, then every row converted.

/// Converts the rows of a CSV file into records of one declared type.
///
/// Columns are matched to fields by header name (surrounding spaces ignored); columns the
/// record does not declare are ignored, since exports carry many. A missing column takes the
/// field's default, and a missing column without one is reported before any row is read. An
/// empty cell (for types other than Text, one of only spaces) is missing too: the field's
/// default applies, or the cell is an error.
struct CSVImport {
    /// Where one field's value comes from.
    fileprivate enum Source {
        /// The cell at this 0-based position in each row, and the value to use when it is empty.
        case column(position: Int, type: CellType, fallback: Value?)
        /// The field's default, for a field the file has no column for.
        case fallback(Value)
    }

    let descriptor: DeclaredType.RecordDescriptor
    private var log: ProblemLog
    private var reader: CSVReader
    private var header: [String] = []
    /// Threads the rows may be converted on (see `CSVParts`).
    private let threads: Int

    private init(_ bytes: UnsafeBufferPointer<UInt8>, path: String, descriptor: DeclaredType.RecordDescriptor, threads: Int) {
        self.descriptor = descriptor
        self.log = ProblemLog(path: path)
        self.reader = CSVReader(bytes)
        self.threads = threads
    }

    /// Every row of the file as a record, or every problem found (up to the cap).
    static func load(
        _ bytes: UnsafeBufferPointer<UInt8>, path: String, descriptor: DeclaredType.RecordDescriptor, threads: Int = 1
    ) throws(DataImportError) -> RecordTable {
        var importer = CSVImport(bytes, path: path, descriptor: descriptor, threads: threads)
        return try importer.run()
    }

    private mutating func run() throws(DataImportError) -> RecordTable {
        var fields: [CSVReader.Field] = []
        guard try read(into: &fields) else {
            throw DataImportError(
                .invalidInput, path: log.path, row: 1, "the file is empty; a CSV file starts with a header row naming its columns",
                fix: "add a header row, such as `\(descriptor.fields.map(\.name).joined(separator: ","))`")
        }
        header = fields.map { field in
            reader.withText(of: field) { String(decoding: CellConverter.trimmed($0), as: UTF8.self) }
        }
        let sources = plan()
        if let failure = log.failure() { throw failure }
        if let table = rowsInParallel(sources) { return table }

        var columns = Columns(sources)
        while !log.isFull, try read(into: &fields) {
            convertRow(fields, sources, into: &columns)
        }
        if let failure = log.failure() { throw failure }
        return columns.table(descriptor.shape, sources)
    }

    /// The rows converted on several threads, one part of the file each; nil when the file
    /// cannot be split safely, is too small to gain, or any part has a problem. Then the rows
    /// are read again on one thread, which reports problems in file order, as always.
    private func rowsInParallel(_ sources: [Source]) -> RecordTable? {
        guard let parts = CSVParts(reader.bytes, from: reader.position, rowsBefore: reader.row, count: threads) else { return nil }
        let converted = DeepStack.runAll(parts.ranges.indices.map { index in
            { () -> Columns? in self.rows(of: parts, index, sources) }
        })
        var columns = Columns(sources)
        for part in converted {
            guard let part else { return nil }
            columns.append(contentsOf: part)
        }
        return columns.table(descriptor.shape, sources)
    }

    /// The columns of one part, or nil at its first problem.
    private func rows(of parts: CSVParts, _ index: Int, _ sources: [Source]) -> Columns? {
        var importer = self
        importer.reader = CSVReader(part: UnsafeBufferPointer(rebasing: reader.bytes[parts.ranges[index]]), rowsBefore: parts.rowsBefore[index])
        var fields: [CSVReader.Field] = []
        var columns = Columns(sources)
        while true {
            guard let more = try? importer.reader.readRecord(into: &fields) else { return nil }
            guard more else { return columns }
            importer.convertRow(fields, sources, into: &columns)
            guard importer.log.isEmpty else { return nil }
        }
    }

    /// Reads one record; a malformation ends the load with it and every problem before it.
    private mutating func read(into fields: inout [CSVReader.Field]) throws(DataImportError) -> Bool {
        do throws(CSVError) {
            return try reader.readRecord(into: &fields)
        } catch {
            let name = error.column <= header.count ? header[error.column - 1] : nil
            throw log.finishing(with: DataImportError(
                error.kind, path: log.path, row: error.row, column: error.column, columnName: name,
                name.map { "column `\($0)`: " + error.message } ?? error.message, fix: error.fix))
        }
    }

    /// Matches each declared field to a column, recording a problem for each field that cannot be read.
    private mutating func plan() -> [Source] {
        var sources: [Source] = []
        for field in descriptor.fields {
            let positions = header.indices.filter { header[$0] == field.name }
            guard let position = positions.first else {
                if let fallback = field.defaultValue {
                    sources.append(.fallback(fallback))
                } else {
                    recordMissingColumn(field)
                }
                continue
            }
            if positions.count > 1 {
                log.record(DataImportError(
                    .invalidInput, path: log.path, row: reader.row, column: positions[1] + 1, columnName: field.name,
                    "column `\(field.name)` appears more than once (columns \(positions.map { String($0 + 1) }.joined(separator: ", ")))",
                    fix: "keep one column named `\(field.name)`"))
            }
            guard let type = CellType(field.type) else {
                log.record(DataImportError(
                    .invalidInput, path: log.path, row: reader.row, column: position + 1, columnName: field.name,
                    "column `\(field.name)` is declared `\(field.type.name)`, which a CSV cell cannot hold",
                    fix: "load this data from a .json or .ndjson file, where a field can hold a list or a record"))
                continue
            }
            sources.append(.column(position: position, type: type, fallback: field.defaultValue))
        }
        return sources
    }

    private mutating func recordMissingColumn(_ field: DeclaredType.RecordDescriptor.Field) {
        let named = header.filter { !$0.isEmpty }
        let shownCount = 12
        var list = named.prefix(shownCount).joined(separator: ", ")
        if named.count > shownCount { list += ", and \(named.count - shownCount) more" }
        let has = named.isEmpty ? "the header names no columns" : "the file has: \(list)"
        let guess = Suggestions.closest(to: field.name, among: named)
            ?? named.first { $0.lowercased() == field.name.lowercased() }
        log.record(DataImportError(
            .missingField, path: log.path, row: reader.row, column: nil, columnName: field.name,
            "column `\(field.name)` (\(field.type.name)) is missing; \(has)",
            fix: guess.map { "did you mean `\($0)`? Rename the column to `\(field.name)`" }
                ?? "add the column, or give `\(field.name)` a default in `record \(descriptor.name)`"))
    }

    /// Appends the row's values to `columns`, or records the row's problems (after which the
    /// columns are never used).
    private mutating func convertRow(_ fields: [CSVReader.Field], _ sources: [Source], into columns: inout Columns) {
        let row = reader.row
        guard fields.count == header.count else {
            recordRaggedRow(fieldCount: fields.count, row: row)
            return
        }
        for (index, source) in sources.enumerated() {
            guard case .column(let position, let type, let fallback) = source else { continue }
            let problem = reader.withText(of: fields[position]) { text -> CellProblem? in
                do throws(CellProblem) {
                    if !text.isEmpty, !(type.isBlankMissing && CellConverter.isBlank(text)) {
                        if let amount = try CellConverter.amount(text, to: type) {
                            columns.builders[index].append(amount.amount, amount.unit)
                        } else {
                            columns.builders[index].append(try CellConverter.convert(text, to: type))
                        }
                        return nil
                    }
                    guard let fallback else {
                        return CellProblem(
                            message: "expected \(type.name), found an empty cell",
                            fix: "fill in the cell, or give `\(header[position])` a default in `record \(descriptor.name)`")
                    }
                    columns.builders[index].append(fallback)
                    return nil
                } catch {
                    return error
                }
            }
            if let problem { recordCellProblem(row: row, position: position, problem) }
        }
        columns.count += 1
    }

    private mutating func recordCellProblem(row: Int, position: Int, _ problem: CellProblem) {
        let name = header[position]
        log.record(DataImportError(
            .invalidInput, path: log.path, row: row, column: position + 1, columnName: name,
            "column `\(name)`: \(problem.message)", fix: problem.fix))
    }

    private mutating func recordRaggedRow(fieldCount: Int, row: Int) {
        let message = "this row has \(fieldCount) field\(fieldCount == 1 ? "" : "s"), but the header has \(header.count)"
        if fieldCount < header.count {
            log.record(DataImportError(
                .invalidInput, path: log.path, row: row, column: fieldCount + 1, columnName: header[fieldCount], message,
                fix: "give every row one field per column; an empty field is nothing between two commas"))
        } else {
            log.record(DataImportError(
                .invalidInput, path: log.path, row: row, column: header.count + 1, columnName: nil, message,
                fix: "a field that holds a comma must be in quotes, as in `\"1,234\"`"))
        }
    }
}

/// The columns of the rows read so far, one builder per declared field.
private struct Columns {
    var builders: [ColumnBuilder]
    var count = 0

    init(_ sources: [CSVImport.Source]) {
        builders = sources.map { _ in ColumnBuilder() }
    }

    mutating func append(contentsOf other: Columns) {
        for index in builders.indices { builders[index].append(contentsOf: other.builders[index]) }
        count += other.count
    }

    func table(_ shape: RecordShape, _ sources: [CSVImport.Source]) -> RecordTable {
        let columns = zip(sources, builders).map { source, builder -> RecordTable.Column in
            if case .fallback(let value) = source { return .constant(value) }
            return builder.column()
        }
        return RecordTable(shape: shape, count: count, columns: columns)
    }
}

extension CellType {
    /// Whether a cell of only spaces counts as missing: for every type but Text, whose spaces are kept.
    var isBlankMissing: Bool {
        if case .text = self { return false }
        return true
    }
}
