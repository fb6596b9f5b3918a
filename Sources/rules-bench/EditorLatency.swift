// The editor's latency: how long after a change to a 5,000-line rule file its diagnostics are
// ready, as `rules lsp` computes them (the library's `EditorAnalysis` of the whole new text).

import CampaignRules
import Foundation

enum EditorLatency {
    static let lines = 5_000
    static let changes = 21
    static let goalMilliseconds = 50.0

    /// A rule file of `lines` lines: records, constants, functions, tier tables and outputs
    /// that use one another, ten lines to a group.
    static func ruleFile(lines: Int) -> [String] {
        (0..<lines / 10).flatMap { group in
            [
                "record Row\(group) {", "  sales: Money", "}",
                "let rate_\(group) = \(group % 20 + 1)%",
                "fn fee_\(group)(x: Money) = x * rate_\(group)",
                "tiers bands_\(group) {", "  ..< $1_000: 5%", "  $1_000 ...: 10%", "}",
                "output total_\(group) = fee_\(group)($100) + $500 * bands_\(group)($500)",
            ]
        }
    }

    /// Times the diagnostics after each of several changes (a rate changed, then misspelled, by
    /// turns) and prints the median against the goal; true when it is met.
    static func report() -> Bool {
        let original = ruleFile(lines: lines)
        print("\neditor latency: diagnostics of a \(original.count)-line rule file after a change (EditorAnalysis, as rules lsp runs it)")
        var times: [Double] = [], counts: [Int] = []
        for change in 0..<changes {
            var file = original
            let group = (change * 37) % (lines / 10), line = group * 10 + 3
            file[line] = change % 2 == 0 ? "let rate_\(group) = rat + 1%" : "let rate_\(group) = \(change)%"
            let text = file.joined(separator: "\n") + "\n"
            let start = DispatchTime.now().uptimeNanoseconds
            let diagnostics = EditorAnalysis(SourceFile(path: "edited.rules", text: text)).ownDiagnostics
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            counts.append(diagnostics.count)
        }
        let median = times.sorted()[times.count / 2]
        let met = median <= goalMilliseconds
        print(
            String(
                format: "median of %d changes: %.1f ms (fastest %.1f, slowest %.1f); diagnostics per change: %@",
                changes, median, times.min() ?? 0, times.max() ?? 0, Set(counts).sorted().map(String.init).joined(separator: " or ")))
        print(String(format: "goal: diagnostics within %.0f ms of a change   ", goalMilliseconds) + (met ? "met" : "not met"))
        return met
    }
}
