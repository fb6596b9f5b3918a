// The commission benchmark end to end at several sizes: `rules run` against DuckDB and the
// one-pass Lua 5.4 script on the same file at each size, wall time and peak memory.

import Foundation

enum Sweep {
    /// The memory goal, from 10M rows up: peak RSS at most half the CSV's size plus this much.
    static let memorySlackMB = 32.0
    static let memoryGoalRows = 10_000_000

    /// Times the programs at each size (generating the data with gen.py when missing); false
    /// when an exact total differs from truth.py's.
    static func report(sizes: [Int], shared: String, rules: String) throws -> Bool {
        guard !sizes.isEmpty else { return true }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        print(
            "\nscaling sweep (commission rule end to end, best of 3 up to 1M rows; goals: rules ≤ \(EndToEnd.duckDBGoal) × DuckDB, ≤ \(EndToEnd.luaGoal)"
                + " × Lua 5.4 one pass, peak RSS ≤ CSV/2 + \(Int(memorySlackMB)) MB at 10M rows)")
        print("rows        CSV MB   rules run            DuckDB, \(cores) threads    ÷ DuckDB   Lua 5.4 cents   ÷ Lua   RSS goal")
        var exact = true
        for size in sizes {
            let workload = Workload(records: size, csvPath: ".build-bench/records-\(size).csv", sharedBench: shared)
            try workload.ensureData()
            let truth = try cachedTruth(workload)
            let csvMB = Double((try? FileManager.default.attributesOfItem(atPath: workload.csvPath)[.size] as? Int) ?? 0) / 1_048_576
            // Files that take well under a second are timed three times, the fastest kept.
            let best = size <= 1_000_000 ? 3 : 1
            let ours = try EndToEnd.rulesRuns(rules, csv: workload.csvPath, best: best)[0]
            exact = exact && ours.total == truth
            let peers = Peer.commission(csv: workload.csvPath, cores: cores)
            let duckDB = try peers[0].isAvailable ? peers[0].measure(best: best) : nil
            let lua = try peers[3].isAvailable ? peers[3].measure(best: best) : nil
            for peer in [duckDB, lua].compactMap({ $0 }) { exact = exact && peer.total == truth }
            let peakMB = ours.run.peakKB.map { Double($0) / 1024 }
            let memoryGoal = csvMB / 2 + memorySlackMB
            print(
                String(format: "%-10d %7.1f   %6.3f s %6.1f MB   ", size, csvMB, ours.run.seconds, peakMB ?? .nan)
                    + (duckDB.map {
                        String(
                            format: "%6.3f s %6.1f MB   %5.2f ×   ", $0.run.seconds, Double($0.run.peakKB ?? 0) / 1024,
                            ours.run.seconds / $0.run.seconds)
                    } ?? "(no DuckDB)                     ")
                    + (lua.map { String(format: "%7.3f s     %5.2f ×   ", $0.run.seconds, ours.run.seconds / max($0.run.seconds, 0.001)) }
                        ?? "(no Lua 5.4)            ")
                    + (size >= memoryGoalRows
                        ? String(format: "%.0f MB ", memoryGoal) + (peakMB.map { $0 <= memoryGoal ? "met" : "not met" } ?? "?")
                        : String(format: "(%.2f × CSV)", (peakMB ?? .nan) / csvMB))
                    + (ours.total == truth ? "" : "   rules' total ≠ truth (\(ours.total))"))
        }
        return exact
    }

    /// truth.py's total, computed once per file and kept beside it.
    static func cachedTruth(_ workload: Workload) throws -> String {
        let saved = workload.csvPath + ".truth"
        if let text = try? String(contentsOfFile: saved, encoding: .utf8), !text.isEmpty {
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let truth = try workload.truth()
        try truth.write(toFile: saved, atomically: true, encoding: .utf8)
        return truth
    }
}
