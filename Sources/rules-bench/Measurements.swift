// Each measured implementation: the rules language, native Swift, and the shared baselines.

import CampaignRules
import Foundation

/// One row of the report: nanoseconds per record (best of the repetitions) and the total it printed.
struct Measurement {
    let name: String
    let nanosecondsPerRecord: Double
    let total: String
    /// Whether the total must equal truth.py's to the cent (exact implementations).
    let exact: Bool
}

enum Measurements {
    /// Best-of-`reps` time of `body`, in ns per record, and its last result.
    static func time(_ reps: Int, records: Int, _ body: () throws -> String) rethrows -> (Double, String) {
        var best = Double.infinity, result = ""
        for _ in 0..<reps {
            let start = DispatchTime.now().uptimeNanoseconds
            result = try body()
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / Double(records))
        }
        return (best, result)
    }

    /// Evaluation only: the data is loaded once, outside the timing.
    static func language(_ name: String, rule: String, rows: Value, records: Int, reps: Int, threads: Int = 1) throws -> Measurement {
        var limits = Limits.default
        limits.maximumThreads = threads
        guard let program = Engine(limits: limits).compile(SourceFile(path: "\(name).rules", text: rule)).program else {
            throw BenchError("the \(name) rule does not compile")
        }
        let (ns, total) = try time(reps, records: records) {
            let outputs = try program.evaluateOutputs(["total"], inputs: ["records": rows])
            guard case .money(let amount, _) = outputs[0].value else { return "?" }
            return amount.plainDescription
        }
        return Measurement(name: name, nanosecondsPerRecord: ns, total: total, exact: true)
    }

    /// The same logic in plain Swift over DecimalNumber: the floor an interpreter can approach.
    static func nativeDecimal(_ rows: [NativeRow], reps: Int) throws -> Measurement {
        let thousand = DecimalNumber(1000), fiveThousand = DecimalNumber(5000), bonus = DecimalNumber(250)
        let rates = [
            DecimalNumber(isNegative: false, coefficient: 5, exponent: -2), DecimalNumber(isNegative: false, coefficient: 8, exponent: -2),
            DecimalNumber(isNegative: false, coefficient: 10, exponent: -2),
        ]
        let threshold = DecimalNumber(isNegative: false, coefficient: 3, exponent: -2)
        let (ns, total) = try time(reps, records: rows.count) { () throws -> String in
            var total = DecimalNumber.zero
            for row in rows {
                let rate = row.sales < thousand ? rates[0] : (row.sales < fiveThousand ? rates[1] : rates[2])
                var commission = try row.sales.multiplied(by: rate)
                let engagement = try DecimalNumber(row.likes + row.comments).divided(by: DecimalNumber(row.followers))
                if engagement >= threshold && row.followers < 100_000 { commission = try commission.adding(bonus) }
                if commission > fiveThousand { commission = fiveThousand }
                total = try total.adding(commission.rounded(places: 2, rounding: .halfUp))
            }
            return total.plainDescription
        }
        return Measurement(name: "native Swift, DecimalNumber", nanosecondsPerRecord: ns, total: total, exact: true)
    }

    /// The same logic with Double, for scale (its total is wrong by design).
    static func nativeDouble(_ rows: [NativeRow], reps: Int) -> Measurement {
        let doubles = rows.map { (Double($0.sales.description) ?? 0, $0.followers, $0.likes, $0.comments) }
        let (ns, total) = time(reps, records: rows.count) { () -> String in
            var total = 0.0
            for (sales, followers, likes, comments) in doubles {
                let rate = sales < 1000 ? 0.05 : (sales < 5000 ? 0.08 : 0.10)
                var commission = sales * rate
                if Double(likes + comments) / Double(followers) >= 0.03 && followers < 100_000 { commission += 250 }
                if commission > 5000 { commission = 5000 }
                total += (commission * 100 + 0.5).rounded(.down) / 100
            }
            return String(format: "%.2f", total)
        }
        return Measurement(name: "native Swift, Double", nanosecondsPerRecord: ns, total: total, exact: false)
    }

    /// Lua 5.4 (float) and CPython (decimal) from ../shared/bench, when installed.
    static func baselines(csv: String, shared: String, reps: Int) -> [Measurement] {
        var results: [Measurement] = []
        if Shell.available("lua5.4"), let run = try? Shell.run("lua5.4", ["\(shared)/bench.lua", String(reps), csv]) {
            results += parse(
                run.output, names: ["lua float": ("Lua 5.4, float", false), "lua5.4 int-cents (exact)": ("Lua 5.4, integer cents", true)])
        }
        if Shell.available("python3"), let run = try? Shell.run("python3", ["\(shared)/bench_py.py", String(reps), csv]) {
            results += parse(run.output, names: ["python decimal": ("CPython, decimal", true)])
        }
        return results
    }

    /// Reads `name   min   91.0 ns/rec  median ...  result X` lines.
    static func parse(_ output: String, names: [String: (String, Bool)]) -> [Measurement] {
        output.split(separator: "\n").compactMap { line in
            guard let (key, (name, exact)) = names.first(where: { line.hasPrefix($0.key + " ") }) else { return nil }
            _ = key
            let words = line.split(separator: " ")
            guard let minIndex = words.firstIndex(of: "min"), minIndex + 1 < words.count, let ns = Double(words[minIndex + 1]),
                let resultIndex = words.firstIndex(of: "result"), resultIndex + 1 < words.count
            else { return nil }
            return Measurement(name: name, nanosecondsPerRecord: ns, total: String(words[resultIndex + 1]), exact: exact)
        }
    }
}

/// A record for the native runs.
struct NativeRow {
    let sales: DecimalNumber
    let followers: Int
    let likes: Int
    let comments: Int
}
