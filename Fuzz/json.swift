// Fuzz target: any bytes loaded as a JSON file of creators — a value or located errors.

func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) {
    FuzzData.load(data, size, path: "fuzz.json")
}
