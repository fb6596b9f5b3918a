// End to end, conversion events: `rules run` of the month-end payout rule over a conversions
// export, against DuckDB running the same rule in SQL with exact DECIMALs, in the same run,
// with every total checked against the exact Python reference.

import Foundation

enum Events {
    /// The goals: wall time at most these multiples of DuckDB's (every core; one thread each),
    /// and a peak RSS of at most this multiple of the events file's size.
    static let timeGoal = 1.0
    static let singleThreadGoal = 1.5
    static let memoryGoal = 2.0
    static let ruleFile = "scripts/bench/events.rules"

    /// The totals the reference and DuckDB print, and rules' outputs, by name.
    struct Totals: Equatable {
        var affiliates = "?", paidStatements = "?", paid = "?", held = "?"
    }

    /// Prints rules' and DuckDB's figures on `events` events over `affiliates` affiliates, the
    /// best of `rounds` runs each, taken in turn (a run of each, then again), so that a busy
    /// moment of a shared machine weighs on both; false when a total differs from the
    /// reference or a run failed.
    static func report(events: Int, affiliates: Int, shared: String, rules: String, rounds: Int = 3) throws -> Bool {
        let folder = "\(shared)/events"
        let csvPath = try ensureEvents(events: events, affiliates: affiliates, shared: shared)
        let csvMB = Double((try? FileManager.default.attributesOfItem(atPath: csvPath)[.size] as? Int) ?? 0) / 1_048_576
        let truth = try reference(csvPath, folder: folder)
        let duckdb = try duckDBAvailable()
        let cores = ProcessInfo.processInfo.activeProcessorCount
        print(
            "\nconversion events end to end (\(events) events, CSV \(String(format: "%.1f", csvMB)) MB; goals: wall ≤ "
                + String(format: "%.1f", timeGoal) + " × DuckDB with every core, ≤ " + String(format: "%.1f", singleThreadGoal)
                + " × DuckDB with one thread, peak RSS ≤ " + String(format: "%.0f", memoryGoal) + " × CSV)")
        print("truth_events.py: affiliates \(truth.affiliates), paid statements \(truth.paidStatements), paid \(truth.paid), held \(truth.held)")
        var exact = true
        for threads in [cores, 1] {
            // Every statement is computed; like DuckDB's query, the run prints only the totals.
            let outputs = ["affiliates", "paid_statements", "paid", "held"].flatMap { ["--only", $0] }
            let command = [rules, "run", ruleFile, "--data", "conversions=\(csvPath)", "--max-threads", "\(threads)"] + outputs
            var peers: [EndToEnd.Run] = [], runs: [EndToEnd.Run] = []
            for _ in 0..<max(1, rounds) {
                if duckdb { peers.append(try EndToEnd.measure(["python3", "\(folder)/events_duckdb.py", csvPath, "\(threads)"])) }
                runs.append(try EndToEnd.measure(command))
            }
            // The fastest run's time, with the highest peak any run reached.
            let peer = peers.isEmpty ? nil : EndToEnd.best(of: peers), run = EndToEnd.best(of: runs)
            // Every run's totals must be truth's, not only the fastest's.
            let mine = runs.map { totals(ofRules: $0.output) }, theirs = peers.map { totals(ofReference: $0.output) }
            exact = exact && runs.allSatisfy { $0.status == 0 } && mine.allSatisfy { $0 == truth } && theirs.allSatisfy { $0 == truth }
            let label = threads == 1 ? "one thread" : "\(threads) threads"
            if let peer {
                let agree = theirs.allSatisfy { $0 == truth }
                print(row("DuckDB (events_duckdb.py), \(label)", peer, ratio: nil, csvMB: csvMB) + "   " + (agree ? "= truth" : "≠ truth"))
            }
            let goal = threads == 1 ? singleThreadGoal : timeGoal
            var line = row("rules run, \(label)", run, ratio: peer.map { run.seconds / $0.seconds }, csvMB: csvMB)
            line += "   " + (mine.allSatisfy { $0 == truth } ? "= truth" : "≠ truth: \(mine)")
            if let peer {
                let fast = run.seconds <= goal * peer.seconds
                let small = run.peakKB.map { Double($0) / 1024 <= memoryGoal * csvMB }
                line += "   time " + (fast ? "met" : "not met") + ", memory " + (small.map { $0 ? "met" : "not met" } ?? "unknown")
            }
            print(line)
        }
        return exact
    }

    /// The events file of that size, generated with gen_events.py when it is not there yet.
    static func ensureEvents(events: Int, affiliates: Int, shared: String) throws -> String {
        let folder = "\(shared)/events"
        let csvPath = ".build-bench/events-\(events)-\(affiliates).csv"
        if !FileManager.default.fileExists(atPath: csvPath) {
            print("\ngenerating \(events) events over \(affiliates) affiliates into \(csvPath) with \(folder)/gen_events.py …")
            let generated = try Shell.run("python3", ["\(folder)/gen_events.py", "\(events)", "\(affiliates)", csvPath])
            guard generated.status == 0 else { throw BenchError("gen_events.py failed: \(generated.output)") }
        }
        return csvPath
    }

    /// truth_events.py's totals, computed once per file and kept beside it.
    private static func reference(_ csvPath: String, folder: String) throws -> Totals {
        let saved = csvPath + ".truth"
        if let text = try? String(contentsOfFile: saved, encoding: .utf8) { return totals(ofReference: text) }
        print("computing the exact totals with truth_events.py …")
        let result = try Shell.run("python3", ["\(folder)/truth_events.py", csvPath])
        guard result.status == 0 else { throw BenchError("truth_events.py failed: \(result.output)") }
        try result.output.write(toFile: saved, atomically: true, encoding: .utf8)
        return totals(ofReference: result.output)
    }

    /// DuckDB's Python package, installed with pip when missing (the harness's own setup step;
    /// the package itself never depends on it).
    private static func duckDBAvailable() throws -> Bool {
        if try Shell.run("python3", ["-c", "import duckdb"]).status == 0 { return true }
        print("\ninstalling DuckDB for the events peer: python3 -m pip install --quiet duckdb")
        let installed = try Shell.run("python3", ["-m", "pip", "install", "--quiet", "duckdb"])
        if installed.status != 0 { print("could not install DuckDB; the events rows run without their peer:\n\(installed.output)") }
        return try Shell.run("python3", ["-c", "import duckdb"]).status == 0
    }

    /// `affiliates 99434` … lines, as truth_events.py and events_duckdb.py print them.
    static func totals(ofReference output: String) -> Totals {
        var totals = Totals()
        for line in output.split(separator: "\n") {
            let text = String(line)
            func value(after prefix: String) -> String? { text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : nil }
            if let v = value(after: "affiliates ") { totals.affiliates = v }
            if let v = value(after: "paid statements ") { totals.paidStatements = v }
            if let v = value(after: "total paid ") { totals.paid = v }
            if let v = value(after: "total held ") { totals.held = v }
        }
        return totals
    }

    /// The outputs of scripts/bench/events.rules as `rules run` prints them (`paid:` then
    /// `  $24,548,181.64`), as plain decimals.
    static func totals(ofRules output: String) -> Totals {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func value(_ name: String) -> String {
            guard let index = lines.firstIndex(of: "\(name):"), index + 1 < lines.count else { return "?" }
            return lines[index + 1].filter { $0.isNumber || $0 == "." || $0 == "-" }
        }
        return Totals(affiliates: value("affiliates"), paidStatements: value("paid_statements"), paid: value("paid"), held: value("held"))
    }

    private static func row(_ label: String, _ run: EndToEnd.Run, ratio: Double?, csvMB: Double) -> String {
        let peak = run.peakKB.map { String(format: "%6.1f MB (%.2f × CSV)", Double($0) / 1024, Double($0) / 1024 / csvMB) } ?? "?"
        return label.padding(toLength: 38, withPad: " ", startingAt: 0) + String(format: "%6.2f s wall   ", run.seconds)
            + (ratio.map { String(format: "%5.2f × DuckDB", $0) } ?? "              ") + "   peak RSS " + peak
            + (run.status == 0 ? "" : "   exit \(run.status)")
    }
}
