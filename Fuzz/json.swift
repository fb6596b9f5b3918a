// libFuzzer target: any bytes loaded as a JSON file of creators — a value or located errors.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzData.load(data, size, path: "fuzz.json")
    return 0
}
