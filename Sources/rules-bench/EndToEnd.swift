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

    /// Wall seconds and peak RSS (KB) of a command, via GNU time when installed.
    static func measure(_ command: [String]) throws -> Run {
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/time") {
            let result = try Shell.run("/usr/bin/time", ["-f", "TIME %e %M"] + command)
            let line = result.output.split(separator: "\n").last { $0.hasPrefix("TIME ") }
            let parts = line?.split(separator: " ") ?? []
            let seconds = parts.count > 1 ? Double(parts[1]) ?? result.seconds : result.seconds
            return Run(seconds: seconds, peakKB: parts.count > 2 ? Int(parts[2]) : nil, output: result.output, status: result.status)
        }
        let result = try Shell.run(command[0], Array(command.dropFirst()))
        return Run(seconds: result.seconds, peakKB: nil, output: result.output, status: result.status)
    }

    /// Prints the end-to-end figures against their targets; false when `rules run` printed a
    /// total other than `truth`.
    static func report(workload: Workload, binFolder: URL, shared: String, truth: String) throws -> Bool {
        let rules = binFolder.appendingPathComponent("rules").path
        guard FileManager.default.isExecutableFile(atPath: rules) else {
            print("\nend to end: skipped (no \(rules); build it with `swift build -c release`)")
            return true
        }
        let ruleFile = ".build-bench/commission.rules"
        try Workload.functionRule.write(toFile: ruleFile, atomically: true, encoding: .utf8)
        let csvMB = Double((try? FileManager.default.attributesOfItem(atPath: workload.csvPath)[.size] as? Int) ?? 0) / 1_048_576
        let lua = Shell.available("lua5.4") ? try measure(["lua5.4", "\(shared)/bench.lua", "1", workload.csvPath]) : nil
        print("\nend to end (CSV \(String(format: "%.1f", csvMB)) MB; targets: wall ≤ 0.33 × Lua, peak RSS ≤ CSV + 32 MB)")
        var allExact = true
        // The CLI uses every core by default; one thread shows what a single core does.
        for (label, threads) in [("rules run FILE --data records=CSV", [String]()), ("  ... --max-threads 1", ["--max-threads", "1"])] {
            let run = try measure([rules, "run", ruleFile, "--data", "records=\(workload.csvPath)"] + threads)
            // The printed total, `$1,351,290,457.60`, as truth.py writes it.
            let printed = run.output.split(separator: "\n").last { $0.contains("$") }
                .map { $0.filter { $0.isNumber || $0 == "." || $0 == "-" } } ?? "?"
            allExact = allExact && printed == truth
            let versusLua = lua.map { String(format: "%.2f × Lua", run.seconds / $0.seconds) } ?? "no Lua"
            print(label.padding(toLength: 36, withPad: " ", startingAt: 0)
                  + String(format: "%5.2f s wall   %@   peak RSS %@   total %@ %@", run.seconds, versusLua,
                           run.peakKB.map { String(format: "%.0f MB", Double($0) / 1024) } ?? "?", printed, printed == truth ? "= truth" : "≠ truth"))
        }
        if let lua { print("lua5.4 bench.lua 1 CSV (one pass)".padding(toLength: 36, withPad: " ", startingAt: 0) + String(format: "%5.2f s wall", lua.seconds)) }
        let large = ".build-bench/large-10mb.rules"
        if !FileManager.default.fileExists(atPath: large) {
            _ = try Shell.run("python3", ["scripts/generate-large-rules.py", "10000000", large])
        }
        let check = try measure([rules, "check", large])
        let size = Double((try? FileManager.default.attributesOfItem(atPath: large)[.size] as? Int) ?? 0) / 1_000_000
        print(String(format: "rules check on %.1f MB", size).padding(toLength: 36, withPad: " ", startingAt: 0)
              + String(format: "%5.2f s wall   %.1f MB/s (target ≥ 100 MB/s)", check.seconds, size / check.seconds))
        return allExact
    }
}
