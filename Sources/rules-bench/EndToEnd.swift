// Whole-command measurements: `rules run` on the CSV (wall time, peak memory) against a one-pass
// Lua script, and `rules check` throughput on a generated 10 MB rule file.

import Foundation

enum EndToEnd {
    /// Wall seconds and peak RSS (KB) of a command, via GNU time when installed.
    static func measure(_ command: [String]) throws -> (seconds: Double, peakKB: Int?, output: String) {
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/time") {
            let result = try Shell.run("/usr/bin/time", ["-f", "TIME %e %M"] + command)
            let line = result.output.split(separator: "\n").last { $0.hasPrefix("TIME ") }
            let parts = line?.split(separator: " ") ?? []
            let seconds = parts.count > 1 ? Double(parts[1]) ?? result.seconds : result.seconds
            return (seconds, parts.count > 2 ? Int(parts[2]) : nil, result.output)
        }
        let result = try Shell.run(command[0], Array(command.dropFirst()))
        return (result.seconds, nil, result.output)
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
        let run = try measure([rules, "run", ruleFile, "--data", "records=\(workload.csvPath)"])
        let csvMB = Double((try? FileManager.default.attributesOfItem(atPath: workload.csvPath)[.size] as? Int) ?? 0) / 1_048_576
        // The printed total, `$1,351,290,457.60`, as truth.py writes it.
        let printed = run.output.split(separator: "\n").last { $0.contains("$") }
            .map { $0.filter { $0.isNumber || $0 == "." || $0 == "-" } } ?? "?"
        print("\nend to end")
        print(String(format: "rules run FILE --data records=CSV   %.2f s wall   peak RSS %@ (CSV %.1f MB; target ≤ CSV + 32 MB)   total %@ %@",
                     run.seconds, run.peakKB.map { String(format: "%.0f MB", Double($0) / 1024) } ?? "?", csvMB,
                     printed, printed == truth ? "= truth" : "≠ truth"))
        if Shell.available("lua5.4") {
            let lua = try measure(["lua5.4", "\(shared)/bench.lua", "1", workload.csvPath])
            print(String(format: "lua5.4 bench.lua 1 CSV (one pass)  %.2f s wall   rules run / Lua = %.2f (target ≤ 0.33)",
                         lua.seconds, run.seconds / lua.seconds))
        }
        let large = ".build-bench/large-10mb.rules"
        if !FileManager.default.fileExists(atPath: large) {
            _ = try Shell.run("python3", ["scripts/generate-large-rules.py", "10000000", large])
        }
        let check = try measure([rules, "check", large])
        let size = Double((try? FileManager.default.attributesOfItem(atPath: large)[.size] as? Int) ?? 0) / 1_000_000
        print(String(format: "rules check on %.1f MB                %.2f s wall   %.1f MB/s (target ≥ 100 MB/s)",
                     size, check.seconds, size / check.seconds))
        return printed == truth
    }
}
