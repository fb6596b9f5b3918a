// Fuzz target: any bytes through the lexer and parser — diagnostics or a tree, never a crash.

func fuzzParser(_ data: UnsafePointer<UInt8>, _ size: Int) {
    let source = SourceFile(path: "fuzz.rules", bytes: Array(UnsafeBufferPointer(start: data, count: size)))
    _ = Parser.parse(source)
}
