// libFuzzer target: any bytes loaded as a CSV file of creators — a value or located errors.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzData.load(data, size, path: "fuzz.csv")
    return 0
}
