// Prints evaluated outputs for people (aligned tables) or for programs (JSON with exact decimals).

import CampaignRules

enum OutputFormatter {
    static func table(_ results: [(name: String, value: Value)]) -> String {
        results.map { name, value in
            "\(name):\n" + TablePrinter.render(value).split(separator: "\n", omittingEmptySubsequences: false)
                .map { "  " + $0 }.joined(separator: "\n")
        }.joined(separator: "\n\n")
    }

    static func json(_ results: [(name: String, value: Value)]) -> String {
        "{\n" + results.map { "  \(JSONWriter.string($0.name)): \(JSONWriter.value($0.value))" }.joined(separator: ",\n") + "\n}"
    }
}
