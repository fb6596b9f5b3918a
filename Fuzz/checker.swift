// Fuzz target: any bytes through parsing, resolution and checking.

func fuzzChecker(_ data: UnsafePointer<UInt8>, _ size: Int) {
    let source = SourceFile(path: "fuzz.rules", bytes: Array(UnsafeBufferPointer(start: data, count: size)))
    _ = Resolver.resolve(Parser.parse(source))
}
