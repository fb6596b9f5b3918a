// Runs larger than one process: `rules run --stream` against the same run in memory, and two
// `--partition` processes at once against one process, on the conversion-events workload, each
// pair measured in the same run, with every streamed or partitioned row checked against the
// whole run's.

import Foundation

enum BeyondOneProcess {
    /// The goals of issue 16: a streamed run's peak RSS and its wall time as a multiple of the
    /// in-memory run's; two partitions at once as a multiple of one process.
    static let streamPeakMB = 256.0
    static let streamTimeGoal = 1.2
    static let partitionsGoal = 0.6

    /// Prints the figures on `events` events over `affiliates` affiliates; false when a
    /// streamed or partitioned run's rows differ from the whole run's, or a run failed.
    static func report(events: Int, affiliates: Int, shared: String, rules: String) throws -> Bool {
        let csv = try Events.ensureEvents(events: events, affiliates: affiliates, shared: shared)
        let sorted = try sortedByAffiliate(csv)
        print("\nbeyond one process (\(events) events over \(affiliates) affiliates; the events rule, --only payouts)")
        let streamed = try stream(sorted, rules: rules)
        let partitioned = try partitions(csv, rules: rules)
        return streamed && partitioned
    }

    /// The in-memory run and the streamed run of the file sorted by affiliate, and whether their rows agree.
    private static func stream(_ sorted: String, rules: String) throws -> Bool {
        let base = [rules, "run", Events.ruleFile, "--data", "conversions=\(sorted)", "--only", "payouts"]
        let whole = try EndToEnd.measure(base + ["--format", "csv", "--lines", "--max-memory", "64G", "--out", ".build-bench/scaling-whole.csv"])
        let streamed = try EndToEnd.measure(base + ["--stream", "--out", ".build-bench/scaling-stream.csv"])
        let same = try sameRows([".build-bench/scaling-whole.csv"], [".build-bench/scaling-stream.csv"])
        let ratio = streamed.seconds / whole.seconds
        let peakMB = streamed.peakKB.map { Double($0) / 1024 }
        print(line("in memory (--format csv --lines)", whole))
        var text = line("--stream", streamed) + String(format: "   %.2f × in memory", ratio)
        text += "   time " + (ratio <= streamTimeGoal ? "met" : "not met")
        text += ", memory " + (peakMB.map { $0 <= streamPeakMB ? "met" : "not met" } ?? "unknown")
        text += "   rows " + (same ? "= in memory" : "≠ in memory")
        print(text + String(format: "   (goals: ≤ %.1f ×, ≤ %.0f MB)", streamTimeGoal, streamPeakMB))
        return same && whole.status == 0 && streamed.status == 0
    }

    /// One process on every core and on one thread, then `--partition 0/2` and `1/2` at once
    /// (one thread each), and whether the partitions' rows together are the single run's.
    private static func partitions(_ csv: String, rules: String) throws -> Bool {
        let base = [rules, "run", Events.ruleFile, "--data", "conversions=\(csv)", "--only", "payouts", "--format", "csv"]
        let every = try EndToEnd.measure(base + ["--out", ".build-bench/scaling-one.csv"])
        let one = try EndToEnd.measure(base + ["--max-threads", "1", "--out", ".build-bench/scaling-one-thread.csv"])
        let parts = (0..<2).map { ".build-bench/scaling-part-\($0).csv" }
        let quoted = base.map { "'\($0)'" }.joined(separator: " ")
        let both = try EndToEnd.measure([
            "bash", "-c",
            (0..<2).map { "\(quoted) --max-threads 1 --partition \($0)/2 --out \(parts[$0]) 2>/dev/null &" }.joined(separator: " ") + " wait",
        ])
        let same = try sameRows([".build-bench/scaling-one.csv"], parts)
        print(line("one process, every core", every))
        print(line("one process, one thread", one))
        var text = line("--partition 0/2 + 1/2 at once", both)
        text += String(format: "   %.2f × one thread, %.2f × every core", both.seconds / one.seconds, both.seconds / every.seconds)
        text += "   goal (≤ \(partitionsGoal) ×) " + (both.seconds <= partitionsGoal * one.seconds ? "met" : "not met") + " against one thread"
        print(text + "   rows " + (same ? "= one process" : "≠ one process"))
        return same && every.status == 0 && one.status == 0 && both.status == 0
    }

    /// The events file with each affiliate's rows together (the header first), made once.
    private static func sortedByAffiliate(_ csv: String) throws -> String {
        let sorted = csv.replacingOccurrences(of: ".csv", with: "-sorted.csv")
        guard !FileManager.default.fileExists(atPath: sorted) else { return sorted }
        print("sorting \(csv) by affiliate into \(sorted) …")
        let script =
            "(head -n 1 '\(csv)'; tail -n +2 '\(csv)' | LC_ALL=C sort -t, -k2,2 -s) > '\(sorted).partial' && mv '\(sorted).partial' '\(sorted)'"
        let result = try Shell.run("bash", ["-c", script])
        guard result.status == 0 else { throw BenchError("sorting the events failed: \(result.output)") }
        return sorted
    }

    /// Whether the data rows (headers left out) of the files on each side, sorted, are the same.
    private static func sameRows(_ left: [String], _ right: [String]) throws -> Bool {
        let side = { (files: [String]) in files.map { "tail -n +2 '\($0)'" }.joined(separator: "; ") }
        let script = "cmp -s <( (\(side(left))) | LC_ALL=C sort) <( (\(side(right))) | LC_ALL=C sort)"
        return try Shell.run("bash", ["-c", script]).status == 0
    }

    private static func line(_ label: String, _ run: EndToEnd.Run) -> String {
        let peak = run.peakKB.map { String(format: "%7.1f MB", Double($0) / 1024) } ?? "      ?"
        return label.padding(toLength: 34, withPad: " ", startingAt: 0) + String(format: "%6.2f s wall", run.seconds) + "   peak RSS " + peak
    }
}
