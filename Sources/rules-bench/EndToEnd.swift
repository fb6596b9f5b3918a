// Whole-command measurements: `rules run` on the CSV (wall time, peak memory) against a one-pass
// Lua script, and `rules check` throughput on a generated 10 MB rule file.

import Foundation

enum EndToEnd {
    /// One timed command: its wall seconds, peak RSS in KB (when GNU time is installed), what
    /// it printed and its exit status.
    struct Run {
        let seconds: Double
        let peakKB: Int?
        let output: String
        let status: Int32
    }

    /// Wall seconds and peak RSS (KB) of a command, the peak via GNU time when installed; with
    /// `best` above 1, the fastest of that many runs (for runs of a few hundredths of a second).
    /// The wall time is bash's `time` around the command, to the millisecond: GNU time's is to
    /// the hundredth, too coarse for small files, and the harness's own clock would add the
    /// cost of launching a process from Foundation (tens of milliseconds) to every program.
    static func measure(_ command: [String], best: Int = 1) throws -> Run {
        var runs: [Run] = []
        for _ in 0..<max(1, best) { runs.append(try measureOnce(command)) }
        return self.best(of: runs)
    }

    /// The fastest of several runs of one command, with the highest peak RSS any of them
    /// reached (a goal on memory is met by every run, not by the luckiest).
    static func best(of runs: [Run]) -> Run {
        let fastest = runs.min { $0.seconds < $1.seconds }!
        let peak = runs.compactMap(\.peakKB).max()
        return Run(seconds: fastest.seconds, peakKB: peak, output: fastest.output, status: fastest.status)
    }

    private static func measureOnce(_ command: [String]) throws -> Run {
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/time"), Shell.available("bash") {
            let timed = ["bash", "-c", "TIMEFORMAT='WALL %3R'; time \"$@\"", "timed"] + command
            let result = try Shell.run("/usr/bin/time", ["-f", "TIME %e %M"] + timed)
            let lines = result.output.split(separator: "\n")
            let peak = lines.last { $0.hasPrefix("TIME ") }?.split(separator: " ")
            let wall = lines.last { $0.hasPrefix("WALL ") }.flatMap { Double($0.dropFirst(5)) }
            return Run(
                seconds: wall ?? result.seconds, peakKB: peak.flatMap { $0.count > 2 ? Int($0[2]) : nil },
                output: result.output, status: result.status)
        }
        let result = try Shell.run(command[0], Array(command.dropFirst()))
        return Run(seconds: result.seconds, peakKB: nil, output: result.output, status: result.status)
    }

    /// The goals of `rules run` (every core) end to end: wall time at most these multiples of
    /// DuckDB's (every core) and of the fastest one-pass Lua 5.4 script's.
    static let duckDBGoal = 0.7
    static let luaGoal = 0.35

    /// Prints `rules run` and every peer on the workload's CSV, with the ratios and goals;
    /// false when an exact total differs from `truth`.
    static func report(workload: Workload, binFolder: URL, shared: String, truth: String) throws -> Bool {
        let rules = binFolder.appendingPathComponent("rules").path
        guard FileManager.default.isExecutableFile(atPath: rules) else {
            print("\nend to end: skipped (no \(rules); build it with `swift build -c release`)")
            return true
        }
        let csvMB = Double((try? FileManager.default.attributesOfItem(atPath: workload.csvPath)[.size] as? Int) ?? 0) / 1_048_576
        try Peer.install()
        print("\nend to end: each program reads the CSV (\(String(format: "%.1f", csvMB)) MB) and prints the total, timed as a whole process")
        print("program".padding(toLength: 40, withPad: " ", startingAt: 0) + "     wall    peak RSS   total               rules ÷ it")
        let ours = try rulesRuns(rules, csv: workload.csvPath)
        var exact = true
        for (label, run, total) in ours {
            exact = exact && total == truth
            print(line(label, run, total: total, truth: truth, exactExpected: true, ratio: nil))
        }
        let fastest = ours[0].run.seconds
        var duckDB: Double?, lua: Double?
        for peer in Peer.commission(csv: workload.csvPath, cores: ProcessInfo.processInfo.activeProcessorCount) {
            guard peer.isAvailable else {
                print(peer.name.padding(toLength: 40, withPad: " ", startingAt: 0) + "  (not installed)")
                continue
            }
            let (run, total) = try peer.measure()
            if peer.exact { exact = exact && total == truth }
            print(line(peer.name, run, total: total, truth: truth, exactExpected: peer.exact, ratio: fastest / run.seconds))
            if peer.tool == "duckdb", duckDB == nil { duckDB = run.seconds }
            if peer.tool == "lua5.4" { lua = min(lua ?? .infinity, run.seconds) }
        }
        print(
            "goals for rules run (every core): " + goal("≤ \(duckDBGoal) × DuckDB (every core)", fastest, duckDB, duckDBGoal)
                + "; " + goal("≤ \(luaGoal) × the faster one-pass Lua 5.4", fastest, lua, luaGoal))
        let large = ".build-bench/large-10mb.rules"
        if !FileManager.default.fileExists(atPath: large) {
            _ = try Shell.run("python3", ["scripts/generate-large-rules.py", "10000000", large])
        }
        let check = try measure([rules, "check", large])
        let size = Double((try? FileManager.default.attributesOfItem(atPath: large)[.size] as? Int) ?? 0) / 1_000_000
        print(
            String(format: "rules check on %.1f MB", size).padding(toLength: 36, withPad: " ", startingAt: 0)
                + String(format: "%5.2f s wall   %.1f MB/s (target ≥ 100 MB/s)", check.seconds, size / check.seconds))
        return exact
    }

    /// `rules run` on the commission rule with every core and with one, with the totals printed.
    static func rulesRuns(_ rules: String, csv: String, best: Int = 1) throws -> [(label: String, run: Run, total: String)] {
        let ruleFile = ".build-bench/commission.rules"
        try Workload.functionRule.write(toFile: ruleFile, atomically: true, encoding: .utf8)
        // The CLI uses every core by default; one thread shows what a single core does.
        return try [("rules run (every core)", [String]()), ("rules run --max-threads 1", ["--max-threads", "1"])].map { label, threads in
            let run = try measure([rules, "run", ruleFile, "--data", "records=\(csv)"] + threads, best: best)
            // The printed total, `$1,351,290,457.60`, as truth.py writes it.
            let printed =
                run.output.split(separator: "\n").last { $0.contains("$") }
                .map { $0.filter { $0.isNumber || $0 == "." || $0 == "-" } } ?? "?"
            return (label, run, printed)
        }
    }

    static func line(_ label: String, _ run: Run, total: String, truth: String, exactExpected: Bool, ratio: Double?) -> String {
        let check = total == truth ? "= truth" : (exactExpected ? "≠ truth" : "(float)")
        return label.padding(toLength: 40, withPad: " ", startingAt: 0)
            + String(
                format: "%6.3f s  %@   %@  %@", run.seconds,
                (run.peakKB.map { String(format: "%6.1f MB", Double($0) / 1024) } ?? "     ? MB"),
                (total + " " + check).padding(toLength: 26, withPad: " ", startingAt: 0),
                ratio.map { $0.isFinite ? String(format: "%5.2f", $0) : "    —" } ?? "    —")
            + (run.status == 0 ? "" : "   exit \(run.status)")
    }

    /// `NAME: 0.62 × (met)`, or that the peer was not measured.
    static func goal(_ name: String, _ ours: Double, _ theirs: Double?, _ limit: Double) -> String {
        guard let theirs else { return "\(name): no peer" }
        let ratio = ours / theirs
        return "\(name): " + String(format: "%.2f ×", ratio) + (ratio <= limit ? " (met)" : " (not met)")
    }
}
