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
    enum Source {
        /// The cell at this 0-based position in each row, and the value to use when it is empty.
        /// `unit` is the unit of a Number, Percent or Money field, whose plain cells are read at once.
        case column(position: Int, type: CellType, unit: Quantity.Unit?, fallback: Value?)
        /// The field's default, for a field the file has no column for.
        case fallback(Value)
        /// A `Money(field)` amount's cell, and where the row's currency comes from.
        case moneyFrom(position: Int, fallback: Value?, currency: CurrencyCell)
    }

    /// Where a `Money(field)` amount's currency is: the currency field's cell (or its default
    /// when that is empty), or the default alone when the file has no such column.
    enum CurrencyCell {
        case column(position: Int, field: String, fallback: Value?)
        case fixed(Value, field: String)

        var field: String {
            switch self {
            case .column(_, let field, _), .fixed(_, let field): field
            }
        }
    }

    let descriptor: DeclaredType.RecordDescriptor
    private(set) var log: ProblemLog
    /// The reader of the chunk being converted (see `CSVChunks`).
    private var reader = CSVReader(UnsafeBufferPointer(start: nil, count: 0))
    private var header: [String] = []
    /// The fast reader of all-numeric rows, when every declared field is a plain amount.
    private var plainRows: PlainRowDecoder?
    /// Whether to use it and the fast cells (tests turn both off, with `plainRows: false`, to
    /// compare them with the general path).
    private var usesFastPaths = true
    /// The fields to keep (nil: all); the others are read and checked, and dropped.
    var keeping: Set<String>?
    /// Whether each declared field is kept, in the order of `descriptor.fields` (and of the sources).
    private(set) var kept: [Bool] = []
    /// How each kept field's cells are read when written the common way (see `FastCell`).
    private var fastCells: [FastCell] = []
    /// The enumerations fast cells read, by `FastCell.enumeration`'s index.
    private var enumNames: [EnumNames] = []
    /// Where the cells of fields not kept go, one at a time (each thread has its own).
    private var dropped = DroppedCells()
    /// Threads the chunks may be converted on.
    private let threads: Int
    /// The partition whose rows a partitioned run keeps, by a field (see `RowFilter`).
    var partitionFilter: (field: String, partition: Partition)?
    private var rowFilter: RowFilter?
    /// Rows the filter dropped before converting them.
    private(set) var rowsDropped = 0

    init(path: String, descriptor: DeclaredType.RecordDescriptor, threads: Int) {
        self.descriptor = descriptor
        self.log = ProblemLog(path: path)
        self.threads = threads
    }

    /// Every row of the text as a record, or every problem found (up to the cap).
    static func load(
        _ bytes: UnsafeBufferPointer<UInt8>, path: String, descriptor: DeclaredType.RecordDescriptor, threads: Int = 1
    ) throws(DataImportError) -> RecordTable {
        var chunks = CSVChunks(bytes)
        return try load(&chunks, path: path, descriptor: descriptor, threads: threads)
    }

    /// Every row of the text the chunks deliver, read a chunk at a time.
    static func load(
        _ chunks: inout CSVChunks, path: String, descriptor: DeclaredType.RecordDescriptor, threads: Int = 1, expectedBytes: Int? = nil,
        keeping: Set<String>? = nil, plainRows: Bool = true
    ) throws(DataImportError) -> RecordTable {
        try load(
            &chunks, path: path, descriptor: descriptor, threads: threads, expectedBytes: expectedBytes, keeping: keeping, plainRows: plainRows,
            partition: nil
        ).table
    }

    /// The same, dropping the rows `partition`'s `RowFilter` can tell belong to another
    /// partition before converting them; returns how many it dropped.
    static func load(
        _ chunks: inout CSVChunks, path: String, descriptor: DeclaredType.RecordDescriptor, threads: Int = 1, expectedBytes: Int? = nil,
        keeping: Set<String>? = nil, plainRows: Bool = true, partition: (field: String, partition: Partition)?
    ) throws(DataImportError) -> (table: RecordTable, dropped: Int) {
        var importer = CSVImport(path: path, descriptor: descriptor, threads: threads)
        importer.usesFastPaths = plainRows
        importer.keeping = keeping
        importer.partitionFilter = partition
        let table = try importer.run(&chunks, expectedBytes: expectedBytes)
        return (table, importer.rowsDropped)
    }

    private mutating func run(_ chunks: inout CSVChunks, expectedBytes: Int?) throws(DataImportError) -> RecordTable {
        let (sources, first, headerChunkBytes) = try begin(&chunks)
        var columns = first
        // The columns sized once for the rows the file's size suggests, so they are not copied
        // at each doubling (each copy a moment with both in memory). Capacity never touched is
        // never resident, so a guess too high costs little, and one too low a whole copy: the
        // guess leaves room for rows an eighth shorter on average than the first chunk's.
        if let expectedBytes, columns.count > 0, headerChunkBytes > 0 {
            let rows = Double(columns.count) * Double(expectedBytes) / Double(headerChunkBytes)
            columns.reserveCapacity(Int(rows * 1.125) + columns.count)
        }
        try convert(&chunks, upTo: nil, sources, into: &columns)
        if let failure = log.failure() { throw failure }
        return columns.table(descriptor.shape, sources, kept: kept)
    }

    /// Reads the header and plans where each field comes from; returns the sources, the rows of
    /// the header's chunk, and the size of that chunk.
    mutating func begin(_ chunks: inout CSVChunks) throws(DataImportError) -> (
        sources: [Source], rows: Columns, headerChunkBytes: Int
    ) {
        let empty = DataImportError(
            .invalidInput, path: log.path, row: 1, "the file is empty; a CSV file starts with a header row naming its columns",
            fix: "add a header row, such as `\(descriptor.fields.map(\.name).joined(separator: ","))`")
        guard var first = try next(&chunks) else { throw empty }
        var fields: [CSVReader.Field] = []
        var sources: [Source]?
        while sources == nil {
            sources = try first.bytes.withUnsafeBufferPointer { (bytes) throws(DataImportError) -> [Source]? in
                reader = CSVReader(bytes)
                guard try read(into: &fields) else { return nil }
                header = fields.map { field in
                    reader.withText(of: field) { String(decoding: CellConverter.trimmed($0), as: UTF8.self) }
                }
                return plan()
            }
            // A chunk of blank lines only: the header is in a later one.
            if sources == nil {
                guard let next = try next(&chunks) else { throw empty }
                first.bytes += next.bytes
            }
        }
        guard let sources else { throw empty }
        if let failure = log.failure() { throw failure }
        kept = descriptor.fields.map { keeping?.contains($0.name) ?? true }
        (fastCells, enumNames) = usesFastPaths ? CSVImport.fastCells(sources) : (sources.map { _ in .general }, [])
        rowFilter = partitionFilter.flatMap { RowFilter($0.field, $0.partition, descriptor: descriptor, sources: sources) }
        plainRows = usesFastPaths ? CSVImport.plainRowDecoder(sources, kept: kept, columnCount: header.count) : nil
        var columns = Columns(sources)
        // The header's chunk goes on with its rows; the later chunks, in parts (see `convert`).
        try first.bytes.withUnsafeBufferPointer { (bytes) throws(DataImportError) in
            var rest = CSVReader(bytes)
            try skipRecord(&rest)
            try convert(rest, sources, into: &columns)
        }
        return (sources, columns, first.bytes.count)
    }

    /// Converts the next batch of chunks (enough to keep every thread busy) into `columns`;
    /// false once the text has ended or the problems fill the log.
    mutating func convertBatch(_ chunks: inout CSVChunks, _ sources: [Source], into columns: inout Columns) throws(DataImportError) -> Bool {
        let size = max(1, threads) * CSVImport.chunksPerPart
        return try convert(&chunks, upTo: size, sources, into: &columns) == size && !log.isFull
    }

    /// Converts the text's chunks, up to `limit` of them (nil: to its end), into `columns` in
    /// order; returns how many it read. With several threads, parts of `chunksPerPart` chunks
    /// convert on them (see `PartConverter`) while this thread reads the parts ahead and joins
    /// those done; at a part's first problem, that part and the rest are converted one chunk
    /// after another, for their problems in file order.
    @discardableResult
    private mutating func convert(
        _ chunks: inout CSVChunks, upTo limit: Int?, _ sources: [Source], into columns: inout Columns
    ) throws(DataImportError) -> Int {
        var read = 0
        func nextChunk() throws(DataImportError) -> Chunk? {
            guard limit.map({ read < $0 }) ?? true, !log.isFull, let chunk = try next(&chunks) else { return nil }
            read += 1
            return chunk
        }
        if threads > 1, log.isEmpty {
            let importer = self
            let converter = PartConverter(
                threads: threads, makePart: { PartColumns(Columns(sources)) },
                convert: { chunks, part in importer.convert(chunks, sources, into: part) })
            var (submitted, joined, ended) = (0, 0, false)
            var failed: [Chunk]?
            do {
                defer { if failed == nil { _ = converter.close() } }
                while failed == nil {
                    // A part queued for each thread beyond the ones converting, so none waits for the next.
                    while !ended, submitted - joined <= threads {
                        let size = CSVImport.chunksInPart(submitted)
                        var part: [Chunk] = []
                        while part.count < size, let chunk = try nextChunk() { part.append(chunk) }
                        ended = part.count < size
                        guard !part.isEmpty else { break }
                        converter.submit(submitted, part)
                        submitted += 1
                    }
                    guard joined < submitted else { break }
                    switch converter.result(joined) {
                    case .converted(let part):
                        columns.append(contentsOf: part.columns)
                        rowsDropped += part.dropped
                        converter.giveBack(part)
                        joined += 1
                    case .failed(let chunks): failed = chunks
                    }
                }
            }
            if let failed { try convertAfter(failed, converter, later: (joined + 1)..<submitted, sources, into: &columns) }
        }
        while let chunk = try nextChunk() { try convertSerially([chunk], sources, into: &columns) }
        return read
    }

    /// After a part that met a problem: the problems in file order, that part's, then those of
    /// the later parts that met one or were never converted (a part converted whole has none).
    private mutating func convertAfter(
        _ failed: [Chunk], _ converter: PartConverter, later: Range<Int>, _ sources: [Source], into columns: inout Columns
    ) throws(DataImportError) {
        try convertSerially(failed, sources, into: &columns)
        let outcomes = converter.close()
        for number in later {
            if case .failed(let chunks)? = outcomes[number] { try convertSerially(chunks, sources, into: &columns) }
        }
    }

    /// The next chunk; a read that fails (or a record past the length limit) ends the load,
    /// with the problems found before it.
    private mutating func next(_ chunks: inout CSVChunks) throws(DataImportError) -> Chunk? {
        do throws(DataImportError) {
            return try chunks.next()
        } catch {
            throw log.finishing(with: error)
        }
    }

    /// Moves a reader past its first record, which was already read as the header.
    private func skipRecord(_ reader: inout CSVReader) throws(DataImportError) {
        var fields: [CSVReader.Field] = []
        do throws(CSVError) {
            _ = try reader.readRecord(into: &fields)
        } catch {
            // The header was read without an error a moment ago; it cannot fail now.
            throw DataImportError(error.kind, path: log.path, row: error.row, column: error.column, columnName: nil, error.message, fix: error.fix)
        }
    }

    /// The chunks in part `number` (0 first): the first parts small, so the threads start
    /// while the rest is read (and a file of a few MB uses them at all), then `chunksPerPart`.
    static func chunksInPart(_ number: Int) -> Int {
        // (The shift is bounded: past 63 parts `2 << number` is 0, which once left the rest of
        // a large file to the main thread alone.)
        min(chunksPerPart, 2 << min(number, 8))
    }

    /// Chunks a thread converts into one part. Parts are joined one after another, and
    /// joining text columns costs one lookup per distinct text of a part, so a part is a few
    /// MB; with a part waiting for each thread beside the ones converting, parts of 16 chunks
    /// held 11 MB more than 8 at the peak of 10M commission rows (185 against 174 MB), for no
    /// gain on the events file.
    static let chunksPerPart = 8

    /// Some rows of the text, and the rows before them.
    typealias Chunk = (bytes: [UInt8], rowsBefore: Int)

    private mutating func convertSerially(_ batch: [Chunk], _ sources: [Source], into columns: inout Columns) throws(DataImportError) {
        for chunk in batch where !log.isFull {
            try chunk.bytes.withUnsafeBufferPointer { (bytes) throws(DataImportError) in
                try convert(CSVReader(part: bytes, rowsBefore: chunk.rowsBefore), sources, into: &columns)
            }
        }
    }

    /// Converts the rest of the records a reader has, recording their problems.
    private mutating func convert(_ chunkReader: CSVReader, _ sources: [Source], into columns: inout Columns) throws(DataImportError) {
        reader = chunkReader
        var fields: [CSVReader.Field] = []
        while !log.isFull {
            if plainRows != nil { columns.count += plainRows!.decode(&reader, into: &columns.builders) }
            let judged = rowFilter?.judge(&reader)
            if judged == .dropped {
                rowsDropped += 1
                continue
            }
            guard try read(into: &fields) else { break }
            if let judged, let rowFilter, rowFilter.drops(judged, fields, reader) {
                rowsDropped += 1
                continue
            }
            convertRow(fields, sources, into: &columns)
        }
    }

    /// The fast reader for sources that are all amounts read from columns (or defaults).
    private static func plainRowDecoder(_ sources: [Source], kept: [Bool], columnCount: Int) -> PlainRowDecoder? {
        var fields: [PlainRowDecoder.Field?] = []
        for (source, isKept) in zip(sources, kept) {
            switch source {
            case .column(let position, _, let unit?, _): fields.append(.amount(position: position, unit: unit, isKept: isKept))
            case .column(let position, .text, nil, _) where !isKept: fields.append(.droppedText(position: position))
            case .fallback: fields.append(nil)
            case .column, .moneyFrom: return nil
            }
        }
        return PlainRowDecoder(columnCount: columnCount, fields: fields)
    }

    /// Converts consecutive chunks into `part`; false at their first problem.
    private func convert(_ chunks: [Chunk], _ sources: [Source], into part: PartColumns) -> Bool {
        var importer = self
        importer.dropped = DroppedCells()
        var fields: [CSVReader.Field] = []
        for chunk in chunks {
            let converted = chunk.bytes.withUnsafeBufferPointer { bytes -> Bool in
                importer.reader = CSVReader(part: bytes, rowsBefore: chunk.rowsBefore)
                while true {
                    if importer.plainRows != nil {
                        part.columns.count += importer.plainRows!.decode(&importer.reader, into: &part.columns.builders)
                    }
                    let judged = importer.rowFilter?.judge(&importer.reader)
                    if judged == .dropped {
                        part.dropped += 1
                        continue
                    }
                    guard let more = try? importer.reader.readRecord(into: &fields) else { return false }
                    guard more else { return true }
                    if let judged, let rowFilter = importer.rowFilter, rowFilter.drops(judged, fields, importer.reader) {
                        part.dropped += 1
                        continue
                    }
                    importer.convertRow(fields, sources, into: &part.columns)
                    guard importer.log.isEmpty else { return false }
                }
            }
            guard converted else { return false }
        }
        return true
    }

    /// Reads one record; a malformation ends the load with it and every problem before it.
    private mutating func read(into fields: inout [CSVReader.Field]) throws(DataImportError) -> Bool {
        do throws(CSVError) {
            return try reader.readRecord(into: &fields)
        } catch {
            let name = error.column <= header.count ? header[error.column - 1] : nil
            throw log.finishing(
                with: DataImportError(
                    error.kind, path: log.path, row: error.row, column: error.column, columnName: name,
                    name.map { "column `\($0)`: " + error.message } ?? error.message, fix: error.fix))
        }
    }

    /// Matches each declared field to a column, recording a problem for each field that cannot be read.
    private mutating func plan() -> [Source] {
        if let delimiter = otherDelimiter() {
            log.record(
                DataImportError(
                    .invalidInput, path: log.path, row: reader.row,
                    "the file's columns are separated by \(delimiter), not by commas: its header `\(header.joined(separator: ","))` is one column",
                    fix:
                        "save the file as CSV with commas between columns (in a spreadsheet: comma-separated CSV); amounts must then use `.` for decimals"
                ))
            return []
        }
        var sources: [Source] = []
        for field in descriptor.fields {
            let fallback = field.defaultValue ?? (field.type.isOptional ? .missing : nil)
            guard let position = columnPosition(of: field) else {
                if let fallback {
                    sources.append(.fallback(fallback))
                } else {
                    recordMissingColumn(field)
                }
                continue
            }
            if case .moneyFrom(let currencyField) = field.type.withoutOptional {
                sources.append(.moneyFrom(position: position, fallback: fallback, currency: currencyCell(currencyField)))
                continue
            }
            guard let type = CellType(field.type, zone: descriptor.zone, campaign: descriptor.currency) else {
                log.record(
                    DataImportError(
                        .invalidInput, path: log.path, row: reader.row, column: position + 1, columnName: field.column,
                        "column `\(field.column)` is declared `\(field.type.name)`, which a CSV cell cannot hold",
                        fix: "load this data from a .json or .ndjson file, where a field can hold a list or a record"))
                continue
            }
            sources.append(.column(position: position, type: type, unit: field.type.unit, fallback: fallback))
        }
        return sources
    }

    /// The position of the column a field is read from, recording a problem when the header
    /// names it twice; nil when the header does not name it.
    private mutating func columnPosition(of field: DeclaredType.RecordDescriptor.Field) -> Int? {
        let positions = header.indices.filter { header[$0] == field.column }
        if positions.count > 1 {
            log.record(
                DataImportError(
                    .invalidInput, path: log.path, row: reader.row, column: positions[1] + 1, columnName: field.column,
                    "column `\(field.column)` appears more than once (columns \(positions.map { String($0 + 1) }.joined(separator: ", ")))",
                    fix: "keep one column named `\(field.column)`"))
        }
        return positions.first
    }

    /// Where the currency of a `Money(field)` amount comes from in each row.
    private mutating func currencyCell(_ name: String) -> CurrencyCell {
        guard let field = descriptor.fields.first(where: { $0.name == name }) else { return .fixed(.missing, field: name) }
        if let position = header.firstIndex(of: field.column) {
            return .column(position: position, field: name, fallback: field.defaultValue)
        }
        return .fixed(field.defaultValue ?? .missing, field: name)
    }

    /// `;` or a tab when the header is one column that those split into the declared fields (or
    /// several of them), as a spreadsheet set to a decimal comma exports: then every column
    /// would be missing, and saying so would hide the cause.
    private func otherDelimiter() -> String? {
        guard header.count == 1 else { return nil }
        let names = Set(descriptor.fields.map(\.name))
        for delimiter in [";", "\t", "|"] {
            let parts = header[0].split(separator: Character(delimiter)).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count > 1, parts.contains(where: names.contains) { return delimiter == "\t" ? "tabs" : "`\(delimiter)`" }
        }
        return nil
    }

    private mutating func recordMissingColumn(_ field: DeclaredType.RecordDescriptor.Field) {
        let named = header.filter { !$0.isEmpty }
        let shownCount = 12
        var list = named.prefix(shownCount).joined(separator: ", ")
        if named.count > shownCount { list += ", and \(named.count - shownCount) more" }
        let has = named.isEmpty ? "the header names no columns" : "the file has: \(list)"
        let guess =
            Suggestions.closest(to: field.column, among: named)
            ?? named.first { $0.lowercased() == field.column.lowercased() }
        let rename =
            field.column == field.name
            ? "Rename the column to `\(field.name)`" : "Rename the column to `\(field.column)`, or change `from \"\(field.column)\"`"
        // A column named after the field itself: the `from` is why it is not read.
        let namedAfterField = field.column != field.name && named.contains(field.name)
        log.record(
            DataImportError(
                .missingField, path: log.path, row: reader.row, column: nil, columnName: field.column,
                "column `\(field.column)` (\(field.type.name)) is missing; \(has)",
                fix: namedAfterField
                    ? "`\(field.name)` is read from the column `\(field.column)` (its `from`), not from `\(field.name)`: rename the column to `\(field.column)`, or drop `from \"\(field.column)\"`"
                    : guess.map { field.column == field.name ? "did you mean `\($0)`? \(rename)" : "did you mean `\($0)`? Write `from \"\($0)\"`" }
                        ?? (field.column == field.name
                            ? "add the column, or give `\(field.name)` a default in `record \(descriptor.name)`"
                            : "add the column, or read `\(field.name)` from another with `from \"...\"`")))
    }

    /// Appends the row's values to `columns`, or records the row's problems (after which the
    /// columns are never used). A field not kept is converted all the same, for its problems.
    private mutating func convertRow(_ fields: [CSVReader.Field], _ sources: [Source], into columns: inout Columns) {
        let row = reader.row
        guard fields.count == header.count else {
            recordRaggedRow(fieldCount: fields.count, row: row)
            return
        }
        for index in sources.indices {
            if kept[index] {
                convertCell(fields, sources, index, row: row, into: &columns.builders[index])
            } else if case .column(let position, .text, _, _) = sources[index], fields[position].end > fields[position].start {
                // Text that is not empty is taken as written: nothing to check.
                continue
            } else {
                convertCell(fields, sources, index, row: row, into: &dropped.builder)
                dropped.builder.removeAll()
            }
        }
        columns.count += 1
    }

    /// Appends one field's value from the row to `builder`, or records its problem. (The
    /// source is read in place, its default only for an empty cell: copying it for every cell
    /// cost a tenth of an import.)
    @inline(__always)
    private mutating func convertCell(
        _ fields: [CSVReader.Field], _ sources: [Source], _ index: Int, row: Int,
        into builder: inout ColumnBuilder
    ) {
        // Most cells at once, from their bytes (see `FastCell`); the rest converted here.
        if CSVImport.read(fastCells[index], fields, of: reader.bytes, enums: enumNames, into: &builder) { return }
        if case .moneyFrom(let position, let fallback, let currency) = sources[index] {
            if let (problem, cell) = convertMoney(fields, position, fallback, currency, into: &builder) {
                recordCellProblem(row: row, position: cell, problem)
            }
            return
        }
        guard case .column(let position, let type, _, _) = sources[index] else { return }
        let field = fields[position]
        if case .text = type {
            // Text is kept as written, spaces and all; an empty cell takes the default.
            let taken = reader.withText(of: field) { text -> Bool in
                guard !text.isEmpty else { return false }
                builder.appendText(bytes: text)
                return true
            }
            if taken { return }
        }
        let problem = reader.withText(of: field) { text -> CellProblem? in
            do throws(CellProblem) {
                if !text.isEmpty, !(type.isBlankMissing && CellConverter.isBlank(text)) {
                    if let amount = try CellConverter.amount(text, to: type) {
                        builder.append(amount.amount, amount.unit)
                    } else {
                        builder.append(try CellConverter.convert(text, to: type))
                    }
                    return nil
                }
                guard case .column(_, _, _, let fallback?) = sources[index] else {
                    return CellProblem(message: "expected \(type.name), found an empty cell", fix: emptyCellFix(descriptor.fields[index]))
                }
                builder.append(fallback)
                return nil
            } catch {
                return error
            }
        }
        if let problem { recordCellProblem(row: row, position: position, problem) }
    }

    /// A `Money(field)` cell: the amount, in the currency the row's currency cell names; a
    /// currency the amount's cell writes (`€400.00`, `400 EUR`) must be that one. A problem
    /// comes with the position of the cell it is in (the currency's, or the amount's).
    private func convertMoney(
        _ fields: [CSVReader.Field], _ position: Int, _ fallback: Value?, _ currency: CurrencyCell,
        into builder: inout ColumnBuilder
    ) -> (CellProblem, Int)? {
        // The code to read as text, when the cell is not three upper-case letters.
        var code: Value = .missing, codePosition = position
        var rowCurrency: Currency?
        switch currency {
        case .fixed(let value, _): code = value
        case .column(let column, _, let codeFallback):
            codePosition = column
            // Most cells are a code as the table writes it, read from the bytes directly.
            rowCurrency = reader.withText(of: fields[column]) { Currency(upperCaseBytes: CellConverter.trimmed($0)) }
            if rowCurrency == nil {
                let text = reader.withText(of: fields[column]) { String(decoding: CellConverter.trimmed($0), as: UTF8.self) }
                code = text.isEmpty ? codeFallback ?? .missing : .text(text)
            }
        }
        // No currency: an empty cell (or no column) of a currency field without a default.
        if rowCurrency == nil, !code.isMissing {
            do throws(ValueError) {
                rowCurrency = try DeclaredType.currency(named: code)
            } catch {
                return (CellProblem(message: error.message, fix: error.fix), codePosition)
            }
        }
        let problem = reader.withText(of: fields[position]) { text -> CellProblem? in
            do throws(CellProblem) {
                let blank = CellConverter.isBlank(text)
                if blank, case .missing? = fallback {
                    builder.append(.missing)
                    return nil
                }
                guard let rowCurrency else {
                    builder.append(.missing)
                    // A required currency field's empty cell or absent column is reported as its own.
                    guard descriptor.fields.first(where: { $0.name == currency.field })?.type.isOptional == true else { return nil }
                    return CellProblem(
                        message: "this row's `\(currency.field)` is empty, so the amount has no currency",
                        fix: "fill in `\(currency.field)`, or declare it with a default instead of `?`, such as `\(currency.field): Text = \"USD\"`")
                }
                guard !blank else {
                    switch fallback {
                    case nil:
                        let amountField = descriptor.index(ofColumn: header[position]).map { descriptor.fields[$0] }
                        return CellProblem(message: "expected Money, found an empty cell", fix: amountField.map(emptyCellFix))
                    case .missing?: builder.append(.missing)
                    case let written?:
                        // A default of zero is zero in the row's currency.
                        builder.append(written.decimal ?? .zero, .money(rowCurrency))
                    }
                    return nil
                }
                let (amount, written) = try CellConverter.moneyParts(CellConverter.trimmed(text))
                if let written, !CellConverter.written(written, standsFor: rowCurrency) {
                    return CellProblem(
                        message: "\(Excerpt.quoted(text)) is an amount in \(written.code), but this row's `\(currency.field)` is \(rowCurrency.code)",
                        fix: "make the amount and `\(currency.field)` agree")
                }
                builder.append(amount, .money(rowCurrency))
                return nil
            } catch {
                return error
            }
        }
        return problem.map { ($0, position) }
    }

    /// The fix for an empty cell of a field without a default, naming the field (and the
    /// column it is read from, when its `from` names another).
    private func emptyCellFix(_ field: DeclaredType.RecordDescriptor.Field) -> String {
        let read = field.column == field.name ? "" : " (read from the column `\(field.column)`)"
        return "fill in the cell, or give `\(field.name)`\(read) a default in `record \(descriptor.name)`"
    }

    private mutating func recordCellProblem(row: Int, position: Int, _ problem: CellProblem) {
        let name = header[position]
        log.record(
            DataImportError(
                .invalidInput, path: log.path, row: row, column: position + 1, columnName: name,
                "column `\(name)`: \(problem.message)", fix: problem.fix))
    }

    private mutating func recordRaggedRow(fieldCount: Int, row: Int) {
        let message = "this row has \(fieldCount) field\(fieldCount == 1 ? "" : "s"), but the header has \(header.count)"
        if fieldCount < header.count {
            log.record(
                DataImportError(
                    .invalidInput, path: log.path, row: row, column: fieldCount + 1, columnName: header[fieldCount], message,
                    fix: "give every row one field per column; an empty field is nothing between two commas"))
        } else {
            log.record(
                DataImportError(
                    .invalidInput, path: log.path, row: row, column: header.count + 1, columnName: nil, message,
                    fix: "a field that holds a comma must be in quotes, as in `\"1,234\"`"))
        }
    }
}

/// The builder the cells of fields not kept are converted into and dropped from, in a box so
/// that it is not part of the importer a conversion changes.
private final class DroppedCells: @unchecked Sendable {
    var builder = ColumnBuilder()
}

/// One thread's columns, in a box so that the thread appends to them in place. (One thread
/// at a time has them, handed over under `PartConverter`'s lock, so they are unchecked for
/// exclusivity, which otherwise costs a runtime call for each row.)
final class PartColumns: @unchecked Sendable {
    @exclusivity(unchecked) var columns: Columns
    /// Rows of other partitions this part dropped.
    @exclusivity(unchecked) var dropped = 0

    init(_ columns: Columns) {
        self.columns = columns
    }
}

/// The columns of the rows read so far, one builder per declared field.
struct Columns {
    var builders: [ColumnBuilder]
    var count = 0

    init(_ sources: [CSVImport.Source]) {
        builders = sources.map { _ in ColumnBuilder() }
    }

    mutating func append(contentsOf other: Columns) {
        for index in builders.indices { builders[index].append(contentsOf: other.builders[index]) }
        count += other.count
    }

    mutating func reserveCapacity(_ rows: Int) {
        for index in builders.indices { builders[index].reserveCapacity(rows) }
    }

    /// Empties the columns, keeping their memory for the next rows.
    mutating func removeAll() {
        for index in builders.indices { builders[index].removeAll() }
        count = 0
    }

    /// The table; a field not kept is missing in every row (no expression reads it).
    func table(_ shape: RecordShape, _ sources: [CSVImport.Source], kept: [Bool]) -> RecordTable {
        let columns = zip(sources.indices, builders).map { index, builder -> RecordTable.Column in
            if case .fallback(let value) = sources[index] { return .constant(value) }
            if !kept[index] { return .constant(.missing) }
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
