// rules-bench: the shared commission benchmark, measured for our interpreter against native Swift,
// Lua 5.4 and CPython in one run, with every exact total checked against truth.py, and the
// plan's statements written end to end against a one-pass CPython script.
//
//   swift build -c release && .build/release/rules-bench [--records N] [--reps R] [--shared DIR]

import CampaignRules
import Foundation

struct Options {
    var records = 1_000_000
    var reps = 3
    var shared = "../shared/bench"
    var events = 1_000_000
    var affiliates = 100_000
    /// `events`: only the conversion-events rows.
    var only: String?

    static let usage = """
    rules-bench — the shared commission benchmark: our interpreter against native Swift, Lua 5.4
    and CPython on the same records, every exact total checked against truth.py; then a
    statement per record written as CSV, JSON and a table against a one-pass CPython script
    (scripts/bench/statements.py), whose CSV rules' must equal byte for byte; then paths that
    once took quadratic time, timed at n and 10·n (a ratio above 40 fails the run); then the
    month-end payout over conversion events (scripts/bench/events.rules) against DuckDB
    (installed with pip when missing), its totals checked against truth_events.py.

    USAGE
      swift build -c release && .build/release/rules-bench [--records N] [--reps R] [--shared DIR]

    OPTIONS
      --records N   records to generate with the shared gen.py and evaluate (default 1000000)
      --reps R      repetitions of each timed evaluation; the best is reported (default 3)
      --shared DIR  the shared benchmark folder with gen.py, truth.py and the baselines (default ../shared/bench)
      --events N    conversion events to generate with events/gen_events.py (default 1000000; 0 skips them)
      --affiliates A  affiliates those events spread over (default 100000)
      --only events   run only the conversion-events rows
    """

    init(_ arguments: [String]) throws {
        var index = 0
        while index < arguments.count {
            let name = arguments[index]
            guard index + 1 < arguments.count else { throw BenchError("\(name) needs a value") }
            let value = arguments[index + 1]
            switch name {
            case "--records": records = Int(value) ?? records
            case "--reps": reps = Int(value) ?? reps
            case "--shared": shared = value
            case "--events": events = Int(value) ?? events
            case "--affiliates": affiliates = Int(value) ?? affiliates
            case "--only": only = value
            default: throw BenchError("unknown option \(name); options: --records N --reps R --shared DIR --events N --affiliates A --only events")
            }
            index += 2
        }
    }
}

func main() throws -> Int32 {
    if CommandLine.arguments.contains("--help") || CommandLine.arguments.contains("-h") {
        print(Options.usage)
        return 0
    }
    let options = try Options(Array(CommandLine.arguments.dropFirst()))
    let binFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let rules = binFolder.appendingPathComponent("rules").path
    try FileManager.default.createDirectory(atPath: ".build-bench", withIntermediateDirectories: true)
    if options.only == "events" {
        return try Events.report(events: options.events, affiliates: options.affiliates, shared: options.shared, rules: rules) ? 0 : 1
    }
    let workload = Workload(records: options.records, csvPath: ".build-bench/records-\(options.records).csv", sharedBench: options.shared)
    try workload.ensureData()
    let truth = try workload.truth()
    print("records: \(options.records)   repetitions: \(options.reps)   truth.py total: \(truth)")

    // Load once with the project's own CSV reader (timed apart from evaluation).
    let program = Engine().compile(SourceFile(path: "bench.rules", text: Workload.functionRule)).program
    guard let program, let rowType = program.declaredType(ofInput: "records") else { throw BenchError("bench rule does not compile") }
    let bytes = [UInt8](FileManager.default.contents(atPath: workload.csvPath) ?? Data())
    let loadStart = DispatchTime.now().uptimeNanoseconds
    let rows = try DataImport.load(bytes, path: workload.csvPath, as: rowType)
    let loadSeconds = Double(DispatchTime.now().uptimeNanoseconds - loadStart) / 1e9
    print(String(format: "CSV load: %.2f s (%.0f ns/record)", loadSeconds, loadSeconds * 1e9 / Double(options.records)))

    let native = (rows.items ?? []).map { row in
        NativeRow(sales: row["sales"]?.decimalValue ?? .zero, followers: row["followers"]?.decimalValue?.integerValue ?? 1,
                  likes: row["likes"]?.decimalValue?.integerValue ?? 0, comments: row["comments"]?.decimalValue?.integerValue ?? 0)
    }
    var results: [Measurement] = []
    results.append(try Measurements.nativeDecimal(native, reps: options.reps))
    results.append(Measurements.nativeDouble(native, reps: options.reps))
    results.append(try Measurements.language("rules: fn + sum(select)", rule: Workload.functionRule, rows: rows, records: options.records, reps: options.reps))
    results.append(try Measurements.language("rules: plan", rule: Workload.planRule, rows: rows, records: options.records, reps: options.reps))
    let cores = ProcessInfo.processInfo.activeProcessorCount
    if cores > 1 {
        results.append(try Measurements.language("rules: fn + sum(select), \(cores) threads", rule: Workload.functionRule, rows: rows,
                                                 records: options.records, reps: options.reps, threads: cores))
        results.append(try Measurements.language("rules: plan, \(cores) threads", rule: Workload.planRule, rows: rows,
                                                 records: options.records, reps: options.reps, threads: cores))
    }
    results += Measurements.baselines(csv: workload.csvPath, shared: options.shared, reps: options.reps)

    let floor = results.first { $0.name == "native Swift, DecimalNumber" }?.nanosecondsPerRecord ?? .nan
    let lua = results.first { $0.name == "Lua 5.4, float" }?.nanosecondsPerRecord
    print("\nevaluation (compute only, best of \(options.reps))")
    print("implementation                          ns/record   × native decimal   × Lua 5.4   total              exact")
    var failures = 0
    for result in results {
        let versusLua = lua.map { String(format: "%9.2f", result.nanosecondsPerRecord / $0) } ?? "        —"
        let check: String
        if result.exact {
            let matches = result.total == truth
            if !matches { failures += 1 }
            check = matches ? "= truth" : "≠ truth"
        } else {
            check = "(float)"
        }
        print(result.name.padding(toLength: 38, withPad: " ", startingAt: 0)
              + String(format: "%11.1f   %16.2f   ", result.nanosecondsPerRecord, result.nanosecondsPerRecord / floor)
              + versusLua + "   " + result.total.padding(toLength: 17, withPad: " ", startingAt: 0) + "  " + check)
    }

    if let lua {
        print("\nevaluation targets: ≤ 2.00 × native decimal and ≤ 0.67 × Lua 5.4 float")
        for result in results where result.name.hasPrefix("rules:") {
            let native = result.nanosecondsPerRecord / floor, versusLua = result.nanosecondsPerRecord / lua
            print(result.name.padding(toLength: 38, withPad: " ", startingAt: 0)
                  + String(format: "%5.2f × native   %5.2f × Lua   ", native, versusLua) + (native <= 2 && versusLua <= 2.0 / 3 ? "met" : "not met"))
        }
    }
    if try !EndToEnd.report(workload: workload, binFolder: binFolder, shared: options.shared, truth: truth) { failures += 1 }
    if FileManager.default.isExecutableFile(atPath: rules), try !Statements.report(workload: workload, rules: rules) { failures += 1 }
    if FileManager.default.isExecutableFile(atPath: rules), try !Scaling.report(rules: rules) { failures += 1 }
    if options.events > 0, FileManager.default.isExecutableFile(atPath: rules),
       try !Events.report(events: options.events, affiliates: options.affiliates, shared: options.shared, rules: rules) {
        failures += 1
    }
    print(failures == 0 ? "\nevery exact total equals truth.py's and truth_events.py's, rules' statements equal CPython's byte for byte, and every path scales linearly"
                        : "\n\(failures) check(s) failed: an exact total differs from truth.py's, rules' statements differ from CPython's,"
                            + " or a path scales quadratically")
    return failures == 0 ? 0 : 1
}

do {
    exit(try main())
} catch {
    FileHandle.standardError.write(Data("rules-bench: \(error)\n".utf8))
    exit(2)
}
