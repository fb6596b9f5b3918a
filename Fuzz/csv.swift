// Fuzz target: any bytes loaded as a CSV file of creators — a value or located errors — and the
// same whether the text is read whole or in chunks of a few bytes converted on several threads.

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
}
