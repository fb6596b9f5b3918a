// rules-bench: the shared commission benchmark, measured for our interpreter against native Swift,
// Lua 5.4 and CPython in one run, with every exact total checked against truth.py; `rules run`
// end to end against DuckDB and one-pass scripts, at several sizes; the plan's statements
// written end to end against a one-pass CPython script; `allocate` at scale; conversion events.
//
//   swift build -c release && .build/release/rules-bench [OPTIONS]   (see --help)

import CampaignRules
import Foundation

struct Options {
    var records = 1_000_000
    var reps = 3
    var shared = "../shared/bench"
    var events = 1_000_000
    var affiliates = 100_000
    /// Sizes of the end-to-end sweep (`--large` adds 30M).
    var sweep = [100_000, 1_000_000, 10_000_000]
    /// Items of the allocation benchmark (0 skips it).
    var allocate = 1_000_000
    /// `events`, `sweep` or `allocate`: only those rows.
    var only: String?
    /// Only the editor latency row (`--lsp`).
    var lsp = false

    static let usage = """
        rules-bench — the shared commission benchmark: our interpreter against native Swift, Lua 5.4
        and CPython on the same records, every exact total checked against truth.py; then `rules run`
        end to end against DuckDB's exact DECIMAL SQL and one-pass Lua 5.4, LuaJIT and CPython
        scripts (scripts/bench/), each a whole process reading the same CSV, with the ratios; a
        scaling sweep of the same at several sizes; a statement per record written as CSV, JSON and
        a table against a one-pass CPython script (scripts/bench/statements.py), whose CSV rules'
        must equal byte for byte; paths that once took quadratic time, timed at n and 10·n (a ratio
        above 40 fails the run); `allocate` over many items against an exact-integer Python
        reference; then the month-end payout over conversion events (scripts/bench/events.rules)
        against DuckDB, its totals checked against truth_events.py. Missing peers (Lua 5.4, LuaJIT,
        DuckDB's Python package) are installed by scripts/bench/install-peers.

        USAGE
          swift build -c release && .build/release/rules-bench [OPTIONS]

        OPTIONS
          --records N     records to generate with the shared gen.py and evaluate (default 1000000)
          --reps R        repetitions of each timed evaluation, and of each events run (taken in
                  turn with DuckDB's); the best is reported (default 3)
          --shared DIR    the shared benchmark folder with gen.py, truth.py and the baselines (default ../shared/bench)
          --sweep LIST    sizes of the end-to-end sweep, comma-separated (default 100000,1000000,10000000; 0 skips it)
          --large         add 30000000 rows (about 916 MB) to the sweep
          --allocate N    items to allocate a budget over (default 1000000; 0 skips it)
          --events N      conversion events to generate with events/gen_events.py (default 1000000; 0 skips them)
          --affiliates A  affiliates those events spread over (default 100000)
          --only WHAT     run only the `events`, `sweep` or `allocate` rows; or `scaling`, not part
                          of a full run: `rules run --stream` against the run in memory on the
                          --events file sorted by affiliate, and `--partition 0/2` + `1/2` at once
                          against one process (issue 16's figures: --events 10000000 --affiliates 1000000)
          --lsp           only the editor's latency: the median time to diagnostics after a change
                          to a 5,000-line rule file, as `rules lsp` computes them (goal: 50 ms)
        """

    init(_ arguments: [String]) throws {
        var index = 0
        while index < arguments.count {
            let name = arguments[index]
            if name == "--lsp" {
                lsp = true
                index += 1
                continue
            }
            if name == "--large" {
                sweep.append(30_000_000)
                index += 1
                continue
            }
            guard index + 1 < arguments.count else { throw BenchError("\(name) needs a value") }
            let value = arguments[index + 1]
            switch name {
            case "--records": records = Int(value) ?? records
            case "--reps": reps = Int(value) ?? reps
            case "--shared": shared = value
            case "--events": events = Int(value) ?? events
            case "--affiliates": affiliates = Int(value) ?? affiliates
            case "--only":
                guard ["events", "sweep", "allocate", "scaling"].contains(value) else {
                    throw BenchError("--only takes events, sweep, allocate or scaling")
                }
                only = value
            case "--sweep":
                sweep = try value.split(separator: ",").map { size in
                    guard let n = Int(size), n >= 0 else { throw BenchError("--sweep takes sizes such as 100000,1000000") }
                    return n
                }.filter { $0 > 0 }
            case "--allocate": allocate = Int(value) ?? allocate
            default:
                throw BenchError(
                    "unknown option \(name); options: --records N --reps R --shared DIR --sweep LIST --large --allocate N --events N --affiliates A --only WHAT"
                )
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
    if options.lsp { return EditorLatency.report() ? 0 : 1 }
    let binFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let rules = binFolder.appendingPathComponent("rules").path
    try FileManager.default.createDirectory(atPath: ".build-bench", withIntermediateDirectories: true)
    switch options.only {
    case "events":
        return try Events.report(events: options.events, affiliates: options.affiliates, shared: options.shared, rules: rules, rounds: options.reps)
            ? 0 : 1
    case "sweep":
        try Peer.install()
        return try Sweep.report(sizes: options.sweep, shared: options.shared, rules: rules) ? 0 : 1
    case "allocate": return try Allocation.report(items: options.allocate, rules: rules) ? 0 : 1
    case "scaling":
        return try BeyondOneProcess.report(events: options.events, affiliates: options.affiliates, shared: options.shared, rules: rules) ? 0 : 1
    default: break
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
        NativeRow(
            sales: row["sales"]?.decimalValue ?? .zero, followers: row["followers"]?.decimalValue?.integerValue ?? 1,
            likes: row["likes"]?.decimalValue?.integerValue ?? 0, comments: row["comments"]?.decimalValue?.integerValue ?? 0)
    }
    var results: [Measurement] = []
    results.append(try Measurements.nativeDecimal(native, reps: options.reps))
    results.append(Measurements.nativeDouble(native, reps: options.reps))
    results.append(
        try Measurements.language("rules: fn + sum(select)", rule: Workload.functionRule, rows: rows, records: options.records, reps: options.reps))
    results.append(try Measurements.language("rules: plan", rule: Workload.planRule, rows: rows, records: options.records, reps: options.reps))
    let cores = ProcessInfo.processInfo.activeProcessorCount
    if cores > 1 {
        results.append(
            try Measurements.language(
                "rules: fn + sum(select), \(cores) threads", rule: Workload.functionRule, rows: rows,
                records: options.records, reps: options.reps, threads: cores))
        results.append(
            try Measurements.language(
                "rules: plan, \(cores) threads", rule: Workload.planRule, rows: rows,
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
        print(
            result.name.padding(toLength: 38, withPad: " ", startingAt: 0)
                + String(format: "%11.1f   %16.2f   ", result.nanosecondsPerRecord, result.nanosecondsPerRecord / floor)
                + versusLua + "   " + result.total.padding(toLength: 17, withPad: " ", startingAt: 0) + "  " + check)
    }

    if let lua {
        print("\nevaluation targets: ≤ 2.00 × native decimal and ≤ 0.67 × Lua 5.4 float")
        for result in results where result.name.hasPrefix("rules:") {
            let native = result.nanosecondsPerRecord / floor, versusLua = result.nanosecondsPerRecord / lua
            print(
                result.name.padding(toLength: 38, withPad: " ", startingAt: 0)
                    + String(format: "%5.2f × native   %5.2f × Lua   ", native, versusLua) + (native <= 2 && versusLua <= 2.0 / 3 ? "met" : "not met")
            )
        }
    }
    if try !EndToEnd.report(workload: workload, binFolder: binFolder, shared: options.shared, truth: truth) { failures += 1 }
    if FileManager.default.isExecutableFile(atPath: rules), try !Statements.report(workload: workload, rules: rules) { failures += 1 }
    if FileManager.default.isExecutableFile(atPath: rules) {
        if try !Sweep.report(sizes: options.sweep, shared: options.shared, rules: rules) { failures += 1 }
        if try !Scaling.report(rules: rules) { failures += 1 }
        if try !Allocation.report(items: options.allocate, rules: rules) { failures += 1 }
    }
    if options.events > 0, FileManager.default.isExecutableFile(atPath: rules),
        try !Events.report(events: options.events, affiliates: options.affiliates, shared: options.shared, rules: rules, rounds: options.reps)
    {
        failures += 1
    }
    print(
        failures == 0
            ? "\nevery exact total equals truth.py's and truth_events.py's, rules' statements equal CPython's byte for byte,"
                + " the allocation equals the Python reference's, and every path scales linearly"
            : "\n\(failures) check(s) failed: an exact total differs from truth.py's, rules' statements differ from CPython's,"
                + " the allocation differs from the reference's, or a path scales quadratically")
    return failures == 0 ? 0 : 1
}

do {
    exit(try main())
} catch {
    FileHandle.standardError.write(Data("rules-bench: \(error)\n".utf8))
    exit(2)
}
