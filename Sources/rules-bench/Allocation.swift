// `allocate` at scale: a proportional split of a budget over N items with both bounds and cent
// steps, against the exact-integer Python implementation of the documented algorithm.

import Foundation

enum Allocation {
    /// The goals: wall time at most this multiple of the Python reference's, and a peak RSS in MB.
    static let timeGoal = 0.2
    static let memoryGoalMB = 150.0

    /// Prints both runs on `items` generated items; false when the outputs differ.
    static func report(items: Int, rules: String) throws -> Bool {
        guard items > 0 else { return true }
        let csv = ".build-bench/allocate-\(items).csv"
        if !FileManager.default.fileExists(atPath: csv) {
            let generated = try Shell.run("python3", ["scripts/bench/gen_allocate.py", "\(items)", csv])
            guard generated.status == 0 else { throw BenchError("gen_allocate.py failed: \(generated.output)") }
        }
        let ours = try EndToEnd.measure([rules, "run", "scripts/bench/allocate.rules", "--data", "items=\(csv)"])
        let reference = try EndToEnd.measure(["python3", "scripts/bench/allocate_reference.py", csv])
        // rules prints `total:` then `  $100,000,000.00`; the reference `total 100000000.00`.
        let lines = ours.output.split(separator: "\n").map(String.init)
        func value(_ name: String) -> String {
            guard let index = lines.firstIndex(of: "\(name):"), index + 1 < lines.count else { return "?" }
            return lines[index + 1].filter { $0.isNumber || $0 == "." || $0 == "-" }
        }
        let mine = "total \(value("total")) weighted \(value("weighted"))"
        let theirs = reference.output.split(separator: "\n").filter { $0.hasPrefix("total ") || $0.hasPrefix("weighted ") }
            .joined(separator: " ")
        let ratio = ours.seconds / reference.seconds
        let peakMB = ours.peakKB.map { Double($0) / 1024 }
        print(
            "\nallocate over \(items) items (scripts/bench/allocate.rules; goals: ≤ \(timeGoal) × the exact-integer Python"
                + " reference, peak RSS ≤ \(Int(memoryGoalMB)) MB)")
        print(String(format: "rules run                      %6.3f s   %6.1f MB   %@", ours.seconds, peakMB ?? .nan, mine))
        print(
            String(
                format: "allocate_reference.py          %6.3f s   %6.1f MB   %@", reference.seconds,
                Double(reference.peakKB ?? 0) / 1024, theirs))
        print(
            String(
                format: "rules ÷ Python %.2f × (%@), peak %@; outputs %@", ratio, ratio <= timeGoal ? "met" : "not met",
                peakMB.map { $0 <= memoryGoalMB ? "met" : "not met" } ?? "?", mine == theirs ? "equal" : "DIFFER"))
        return mine == theirs && ours.status == 0
    }
}
