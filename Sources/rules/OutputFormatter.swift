// Prints evaluated outputs for people (aligned tables), spreadsheets (CSV) or programs (JSON),
// written a row at a time so that a million statements never become one string.

import CampaignRules

enum OutputFormatter {
    /// `explain` adds the reasons for each plan line; `lines` lists each statement's lines
    /// (every item of an itemized line) rather than one column per line as written.
    /// `currency` is the campaign's: CSV marks money in any other with its code.
    static func write(
        _ results: [(name: String, value: Value)], format: String, explain: Bool, lines: Bool = false,
        currency: Currency? = nil, to output: TextOutput
    ) {
        switch format {
        case "json": json(results, to: output)
        case "ndjson": for (_, value) in results { JSONWriter.writeLines(value, to: output) }
        case "csv": csv(results, explain: explain, lines: lines, currency: currency, to: output)
        default: table(results, explain: explain, lines: lines, to: output)
        }
    }

    /// Each output under its name, its table indented by two spaces; a blank line between outputs.
    static func table(_ results: [(name: String, value: Value)], explain: Bool, lines: Bool, to output: TextOutput) {
        // A file with nothing to print (said on standard error) prints one empty line, as it always has.
        if results.isEmpty { output.line("") }
        for (index, (name, value)) in results.enumerated() where !output.failed {
            if index > 0 { output.line("") }
            output.indent = ""
            output.line("\(name):")
            output.indent = "  "
            if (explain || lines) && StatementPrinter.isStatementList(value) {
                StatementPrinter.writeListed(value, reasons: explain, to: output)
            } else {
                TablePrinter.write(value, to: output)
            }
            output.indent = ""
        }
    }

    /// One JSON object with a member per output.
    static func json(_ results: [(name: String, value: Value)], to output: TextOutput) {
        output.write("{\n")
        for (index, (name, value)) in results.enumerated() where !output.failed {
            output.write((index > 0 ? ",\n  " : "  ") + JSONWriter.string(name) + ": ")
            JSONWriter.write(value, to: output)
        }
        output.write("\n}\n")
    }

    /// One CSV table for one output; several outputs are separated by a blank line and a
    /// `# name` line. Every line, the last too, ends in CRLF, and nothing follows the last.
    static func csv(_ results: [(name: String, value: Value)], explain: Bool, lines: Bool, currency: Currency?, to output: TextOutput) {
        if results.count == 1, let only = results.first {
            CSVWriter.write(only.value, explain: explain, lines: lines, paidIn: currency, to: output)
            return
        }
        for (index, (name, value)) in results.enumerated() where !output.failed {
            output.write((index > 0 ? "\r\n" : "") + "# \(name)\r\n")
            CSVWriter.write(value, explain: explain, lines: lines, paidIn: currency, to: output)
        }
    }
}
