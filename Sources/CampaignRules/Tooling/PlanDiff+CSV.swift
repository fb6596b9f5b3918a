// `rules diff --format csv`: what changed between two versions of plans, one row per change.

extension PlanDiff {
    /// The header of the CSV layout `writeCSV` writes.
    public static let csvHeader = ["plan", "subject", "line", "old", "new", "change"]

    /// Writes the diffs of several plans as one CSV table under `csvHeader`, every line ending
    /// in CRLF. Each changed subject has a row for its total (an empty `line`) followed by one
    /// row per changed line; each plan ends with a row for its totals (an empty `subject` and
    /// `line`). Amounts are written as `rules run --format csv` writes them; a cell is empty
    /// where a version has no such subject or line.
    public static func writeCSV(_ diffs: [PlanDiff], to output: TextOutput) {
        CSVWriter.row(csvHeader, to: output)
        for diff in diffs where !output.failed {
            for change in diff.changes {
                row(diff.plan, change.subject, "", change.oldTotal, change.newTotal, change.change, to: output)
                for line in change.lines {
                    row(diff.plan, change.subject, line.label, line.old, line.new, difference(line.new, line.old), to: output)
                }
            }
            row(diff.plan, "", "", diff.oldTotal, diff.newTotal, difference(diff.newTotal, diff.oldTotal), to: output)
        }
    }

    /// The diffs as CSV text (see `writeCSV`).
    public static func csv(_ diffs: [PlanDiff]) -> String {
        TextOutput.collecting { writeCSV(diffs, to: $0) }
    }

    private static func row(
        _ plan: String, _ subject: String, _ line: String, _ old: Value?, _ new: Value?, _ change: Value?,
        to output: TextOutput
    ) {
        CSVWriter.row([plan, subject, line] + [old, new, change].map { $0.map { CSVWriter.cell($0) } ?? "" }, to: output)
    }
}
