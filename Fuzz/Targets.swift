// The one libFuzzer entry point. All targets are built into one binary (one compile for
// scripts/fuzz and CI); FUZZ_TARGET says which stage the bytes go through.

import Foundation

let fuzzTargets: [String: (UnsafePointer<UInt8>, Int) -> Void] = [
    "parser": fuzzParser, "checker": fuzzChecker, "interpreter": fuzzInterpreter, "kernels": fuzzKernels, "csv": fuzzCSV,
    "json": fuzzJSON,
]

let selectedTarget: (UnsafePointer<UInt8>, Int) -> Void = {
    let name = ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? ""
    guard let target = fuzzTargets[name] else {
        fatalError("set FUZZ_TARGET to one of \(fuzzTargets.keys.sorted().joined(separator: ", ")); found `\(name)`")
    }
    return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    selectedTarget(data, size)
    return 0
}
