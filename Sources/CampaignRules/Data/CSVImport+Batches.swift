// Reading a CSV file's rows a batch at a time, for a run that streams its data.

extension CSVImport {
    /// The rows of CSV text as tables of a few megabytes of text each, in file order. Each
    /// batch is converted as `load` converts a whole file (on several threads when allowed),
    /// with the same checks and row numbers; a batch with problems is an error listing them.
    struct Batches {
        private var importer: CSVImport
        private var chunks: CSVChunks
        private var sources: [Source]?
        private var ended = false

        init(_ chunks: CSVChunks, path: String, descriptor: DeclaredType.RecordDescriptor, threads: Int, keeping: Set<String>?) {
            importer = CSVImport(path: path, descriptor: descriptor, threads: threads)
            importer.keeping = keeping
            self.chunks = chunks
        }

        /// The next rows, at least one; nil after the last.
        mutating func next() throws(DataImportError) -> RecordTable? {
            guard let sources else {
                let (sources, first, _) = try importer.begin(&chunks)
                self.sources = sources
                if let failure = importer.log.failure() { throw failure }
                return first.count > 0 ? table(first, sources) : try next()
            }
            while !ended {
                var columns = Columns(sources)
                ended = !(try importer.convertBatch(&chunks, sources, into: &columns))
                if let failure = importer.log.failure() { throw failure }
                if columns.count > 0 { return table(columns, sources) }
            }
            return nil
        }

        private func table(_ columns: Columns, _ sources: [Source]) -> RecordTable {
            columns.table(importer.descriptor.shape, sources, kept: importer.kept)
        }
    }
}
