// libFuzzer target: any bytes through parsing, resolution and checking.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzChecker(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let source = SourceFile(path: "fuzz.rules", bytes: Array(UnsafeBufferPointer(start: data, count: size)))
    _ = Resolver.resolve(Parser.parse(source))
    return 0
}
