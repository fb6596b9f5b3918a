// Paths that once took quadratic time, each timed at n and 10·n in the same run: a linear path
// takes about ten times as long, a quadratic one about a hundred.

import Foundation

enum Scaling {
    struct Probe: Sendable {
        let name: String
        let sizes: (small: Int, large: Int)
        /// Writes the inputs for size n under `folder` and returns the `rules` arguments and
        /// the standard input, if any.
        let prepare: @Sendable (_ n: Int, _ folder: String) throws -> (arguments: [String], input: String?)
    }

    /// A ratio above this is reported as quadratic and fails the run.
    static let quadraticRatio = 40.0

    static let probes: [Probe] = [
        Probe(name: "rules check: one block of n lets", sizes: (10_000, 100_000)) { n, folder in
            let path = "\(folder)/lets-\(n).rules"
            let body = (0..<n).map { "  let a\($0) = x + \($0)\n" }.joined()
            try "fn f(x) {\n\(body)  a\(n - 1)\n}\noutput o = f(1)\n".write(toFile: path, atomically: true, encoding: .utf8)
            return (["check", path], nil)
        },
        Probe(name: "rules run --format table: plan of n lines", sizes: (10_000, 100_000)) { n, folder in
            let (rules, data) = try planFiles(n, folder)
            return (["run", rules, "--data", "rows=\(data)"], nil)
        },
        Probe(name: "rules run --format csv: plan of n lines", sizes: (10_000, 100_000)) { n, folder in
            let (rules, data) = try planFiles(n, folder)
            return (["run", rules, "--data", "rows=\(data)", "--format", "csv"], nil)
        },
        Probe(name: "rules diff: plan of n lines", sizes: (10_000, 100_000)) { n, folder in
            let (rules, data) = try planFiles(n, folder)
            return (["diff", rules, rules, "--data", "rows=\(data)"], nil)
        },
        Probe(name: "rules diff: n subjects", sizes: (20_000, 200_000)) { n, folder in
            let rules = "\(folder)/subjects.rules", data = "\(folder)/subjects-\(n).csv"
            try "record Row {\n  id: Text\n  s: Money\n}\ninput rows: list of Row\nplan p for r in rows {\n  commission \"A\": r.s * 5%\n}\n"
                .write(toFile: rules, atomically: true, encoding: .utf8)
            try ("id,s\n" + (0..<n).map { "c\($0),\($0 % 977).\($0 % 90 + 10)\n" }.joined()).write(toFile: data, atomically: true, encoding: .utf8)
            return (["diff", rules, rules, "--data", "rows=\(data)"], nil)
        },
        Probe(name: "rules repl: n declarations piped in", sizes: (5_000, 50_000)) { n, _ in
            (["repl"], (0..<n).map { "let v\($0) = \($0) + 1\n" }.joined() + "v\(n - 1)\n")
        },
    ]

    /// A plan with n lines, and two rows of data for it.
    static func planFiles(_ n: Int, _ folder: String) throws -> (rules: String, data: String) {
        let rules = "\(folder)/lines-\(n).rules", data = "\(folder)/two-rows.csv"
        let lines = (0..<n).map { "  commission \"L\($0)\": r.s * \($0 % 7 + 1)%\n" }.joined()
        try "record Row {\n  id: Text\n  s: Money\n}\ninput rows: list of Row\nplan p for r in rows {\n\(lines)}\n"
            .write(toFile: rules, atomically: true, encoding: .utf8)
        try "id,s\na,100\nb,200\n".write(toFile: data, atomically: true, encoding: .utf8)
        return (rules, data)
    }

    /// Times every probe at both sizes and prints the ratios; false when one looks quadratic.
    static func report(rules: String) throws -> Bool {
        let folder = ".build-bench/scaling"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        print("\nscaling (wall time at n and 10·n, best of 2; linear ≈ 10×, quadratic ≈ 100×, fails above \(Int(quadraticRatio))×)")
        var linear = true
        for probe in probes {
            var seconds: [Double] = []
            for n in [probe.sizes.small, probe.sizes.large] {
                let (arguments, input) = try probe.prepare(n, folder)
                var best = Double.infinity
                for _ in 0..<2 {
                    let result = try Shell.run(rules, arguments, input: input)
                    guard result.status == 0 else { throw BenchError("\(probe.name) at n=\(n) failed: \(result.output.prefix(500))") }
                    best = min(best, result.seconds)
                }
                seconds.append(best)
            }
            let ratio = seconds[1] / max(seconds[0], 0.001)
            let verdict = ratio > quadraticRatio ? "QUADRATIC" : "linear"
            if ratio > quadraticRatio { linear = false }
            print(
                probe.name.padding(toLength: 46, withPad: " ", startingAt: 0)
                    + String(format: "n=%-7d %6.3f s   10n %7.3f s   %5.1f×   %@", probe.sizes.small, seconds[0], seconds[1], ratio, verdict))
        }
        return linear
    }
}
