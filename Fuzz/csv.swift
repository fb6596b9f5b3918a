// Fuzz target: any bytes loaded as a CSV file of creators — a value or located errors — and the
// same whether the text is read whole or in chunks of a few bytes converted on several threads;
// read a batch at a time (as `rules run --stream` reads it), the same rows or the same first
// problem; split into partitions by `id` (as `rules run --partition` reads it, rows of other
// partitions dropped from their bytes), the same rows between them.

func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let whole = FuzzData.render { () throws(DataImportError) in try DataImport.load(bytes, path: "fuzz.csv", as: FuzzData.creator) }
    guard case .list(.record(let descriptor)) = FuzzData.creator else { return }
    // Tiny chunks on one thread follow every cut; larger ones on two threads, the batches.
    for (chunkSize, threads) in [(1, 1), (7, 1), (256, 2)] {
        let chunked = FuzzData.render { () throws(DataImportError) in
            try bytes.withUnsafeBufferPointer { (buffer) throws(DataImportError) -> Value in
                var chunks = CSVChunks(buffer, chunkSize: chunkSize)
                return .list(ValueList(try CSVImport.load(&chunks, path: "fuzz.csv", descriptor: descriptor, threads: threads)))
            }
        }
        if chunked != whole {
            fatalError("chunks of \(chunkSize) bytes read differently:\n\(chunked)\nwhole:\n\(whole)")
        }
    }
    fuzzBatches(bytes, whole: whole)
    fuzzPartitions(bytes, descriptor: descriptor)
}

/// Batches put together are the whole file's rows; a file with a problem stops at its first one.
private func fuzzBatches(_ bytes: [UInt8], whole: String) {
    let wholeError: DataImportError?
    do throws(DataImportError) {
        _ = try DataImport.load(bytes, path: "fuzz.csv", as: FuzzData.creator)
        wholeError = nil
    } catch {
        wholeError = error
    }
    for chunkSize in [3, 64] {
        let read = DataImport.reader(over: bytes)
        var rows: [Value] = []
        do throws(DataImportError) {
            var batches = try RowBatches(
                reading: read, path: "fuzz.csv", format: .csv, as: FuzzData.creator, limits: .default, keeping: nil, file: nil,
                chunkSize: chunkSize)
            while let batch = try batches.next() { rows += Array(batch) }
            let streamed = JSONWriter.value(.list(ValueList(rows)))
            if streamed != whole { fatalError("batches of \(chunkSize)-byte chunks read differently:\n\(streamed)\nwhole:\n\(whole)") }
        } catch {
            guard let wholeError, error.row == wholeError.row, error.column == wholeError.column, error.message == wholeError.message else {
                fatalError("batches of \(chunkSize)-byte chunks stopped at \(error.rendered)\nwhole:\n\(whole)")
            }
        }
    }
}

/// Two partitions by `id` hold every row of a file that loads, each row once, in its own partition.
private func fuzzPartitions(_ bytes: [UInt8], descriptor: DeclaredType.RecordDescriptor) {
    guard case .list(let all)? = try? DataImport.load(bytes, path: "fuzz.csv", as: FuzzData.creator) else { return }
    var kept: [String] = []
    for index in 0..<2 {
        guard let partition = Partition(index: index, count: 2) else { return }
        let loaded = try? bytes.withUnsafeBufferPointer { (buffer) throws(DataImportError) in
            var chunks = CSVChunks(buffer, chunkSize: 16)
            return try CSVImport.load(&chunks, path: "fuzz.csv", descriptor: descriptor, partition: ("id", partition))
        }
        guard let (table, dropped) = loaded else { fatalError("partition \(index) failed where the whole file loads") }
        // `id` has no default, so every row of a file that loads has it as text, judged by its bytes.
        for row in ValueList(table) {
            guard case .record(let record) = row else { continue }
            guard partition.contains(record["id"] ?? .missing) else {
                fatalError("partition \(index) kept \(JSONWriter.value(row)), of another partition")
            }
            kept.append(JSONWriter.value(row))
        }
        if table.count + dropped != all.count { fatalError("partition \(index): \(table.count) kept + \(dropped) dropped != \(all.count) rows") }
    }
    if kept.sorted() != all.map(JSONWriter.value).sorted() { fatalError("the partitions' rows are not the file's") }
}
