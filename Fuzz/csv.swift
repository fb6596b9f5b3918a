// Fuzz target: any bytes loaded as a CSV file of creators — a value or located errors.

func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) {
    FuzzData.load(data, size, path: "fuzz.csv")
}
