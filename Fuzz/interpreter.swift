// Fuzz target: any bytes compiled and, when they check, evaluated under tight limits:
// outputs, plans and tests must end with a value or a located error.

func fuzzInterpreter(_ data: UnsafePointer<UInt8>, _ size: Int) {
    let limits = Limits.fuzzing(steps: 20_000)
    let source = SourceFile(path: "fuzz.rules", bytes: Array(UnsafeBufferPointer(start: data, count: size)))
    guard let program = Engine(limits: limits).compile(source).program else { return }
    // Plain evaluation takes the numeric fast paths; explaining takes the recording ones.
    _ = try? program.evaluateOutputs(limits: limits)
    _ = try? program.evaluateOutputs(limits: limits, explain: true)
    _ = program.runTests(limits: limits)
}

extension Limits {
    /// Limits tight enough that any fuzzed program finishes quickly.
    static func fuzzing(steps: Int) -> Limits {
        var limits = Limits.default
        limits.maximumSteps = steps
        limits.maximumCollectionSize = 10_000
        limits.maximumTextLength = 10_000
        limits.maximumCallDepth = 200
        limits.maximumMemory = 16 << 20
        limits.timeLimit = .seconds(5)
        return limits
    }
}
