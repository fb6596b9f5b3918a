// End to end, statements: `rules run` of the plan writing a statement per record as CSV, JSON
// and a table, against a one-pass CPython `decimal` script that writes the same CSV.

import Foundation

enum Statements {
    /// The goals: CSV in at most this fraction of CPython's wall time, and a peak RSS of at
    /// most the records file plus this many MB.
    static let timeGoal = 0.25
    static let memoryGoalMB = 64.0

    /// Prints each format's wall time and peak RSS against CPython's; false when rules' CSV is
    /// not byte for byte the script's (or a run failed).
    static func report(workload: Workload, rules: String) throws -> Bool {
        let ruleFile = ".build-bench/plan.rules"
        try Workload.planRule.write(toFile: ruleFile, atomically: true, encoding: .utf8)
        let csvMB = Double((try? FileManager.default.attributesOfItem(atPath: workload.csvPath)[.size] as? Int) ?? 0) / 1_048_576
        let pythonOutput = ".build-bench/statements-python.csv"
        let python = try EndToEnd.measure(["python3", "scripts/bench/statements.py", workload.csvPath, pythonOutput])
        let evaluation = try EndToEnd.measure([rules, "run", ruleFile, "--data", "records=\(workload.csvPath)", "--only", "total"])
        print(
            "\nstatements end to end (a statement per record to --out; CSV \(String(format: "%.1f", csvMB)) MB;"
                + " goals: csv ≤ \(String(format: "%.2f", timeGoal)) × CPython wall, peak RSS ≤ CSV + \(Int(memoryGoalMB)) MB)")
        print(row("python3 statements.py (one pass)", python, versus: nil, written: pythonOutput))
        print(row("rules run --only total (no output)", evaluation, versus: python, written: nil))
        var identical = python.status == 0
        for format in ["csv", "json", "table"] {
            let target = ".build-bench/statements.\(format)"
            let run = try EndToEnd.measure([
                rules, "run", ruleFile, "--data", "records=\(workload.csvPath)", "--only", "commissions",
                "--format", format, "--out", target,
            ])
            var line = row("rules run --format \(format)", run, versus: python, written: target)
            let fast = run.seconds <= timeGoal * python.seconds
            let small = run.peakKB.map { Double($0) / 1024 <= csvMB + memoryGoalMB }
            line += "   time " + (fast ? "met" : "not met") + ", memory " + (small.map { $0 ? "met" : "not met" } ?? "unknown")
            if format == "csv" {
                let same = run.status == 0 && FileManager.default.contentsEqual(atPath: target, andPath: pythonOutput)
                identical = identical && same
                line += same ? "   = CPython's CSV" : "   ≠ CPython's CSV"
            }
            print(line)
        }
        return identical
    }

    private static func row(_ label: String, _ run: EndToEnd.Run, versus python: EndToEnd.Run?, written: String?) -> String {
        let size =
            written.flatMap { try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int }.map {
                String(format: "%6.1f MB out", Double($0) / 1_048_576)
            } ?? "             "
        let ratio = python.map { String(format: "%5.2f × CPython", run.seconds / $0.seconds) } ?? "               "
        let peak = run.peakKB.map { String(format: "%6.1f MB", Double($0) / 1024) } ?? "       ?"
        return label.padding(toLength: 36, withPad: " ", startingAt: 0) + String(format: "%6.2f s wall   ", run.seconds) + ratio
            + "   peak RSS " + peak + "   " + size + (run.status == 0 ? "" : "   exit \(run.status)")
    }
}
