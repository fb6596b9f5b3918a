// Prints evaluated outputs for people (aligned tables), spreadsheets (CSV) or programs (JSON).

import CampaignRules

enum OutputFormatter {
    static func render(_ results: [(name: String, value: Value)], format: String, explain: Bool) -> String {
        switch format {
        case "json": json(results)
        case "csv": csv(results)
        default: table(results, explain: explain)
        }
    }

    static func table(_ results: [(name: String, value: Value)], explain: Bool) -> String {
        results.map { name, value in
            let body = explain && StatementPrinter.isStatementList(value) ? StatementPrinter.explained(value) : TablePrinter.render(value)
            return "\(name):\n" + body.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
        }.joined(separator: "\n\n")
    }

    static func json(_ results: [(name: String, value: Value)]) -> String {
        "{\n" + results.map { "  \(JSONWriter.string($0.name)): \(JSONWriter.value($0.value))" }.joined(separator: ",\n") + "\n}"
    }

    /// One CSV table for one output; several outputs are separated by a blank line and a `# name` line.
    static func csv(_ results: [(name: String, value: Value)]) -> String {
        if results.count == 1, let only = results.first { return CSVWriter.render(only.value) }
        return results.map { "# \($0.name)\r\n" + CSVWriter.render($0.value) }.joined(separator: "\r\n")
    }
}
