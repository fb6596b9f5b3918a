// HTMLDiffReport: `rules diff --format html`, what a contract change does to payouts, as one page.

/// The changes between two versions of a file's plans on the same data, laid out as the run
/// report is: both rule files with their SHA-256 and campaign headers side by side, a summary
/// of each plan's totals, then per plan a chart of the changes by subject (the largest
/// `HTMLReport.chartBars`, then the rest) and the table of changed subjects with their changed
/// lines, the first `HTMLReport.statementLimit` of them.
public enum HTMLDiffReport {
    public static func write(_ diffs: [PlanDiff], old: ReportSource, new: ReportSource, to output: TextOutput) {
        let html = HTMLText(output: output)
        let title = "Changes from \(old.name) to \(new.name)"
        HTMLReport.page(title: title, to: html) {
            html.block("header") {
                html.element("h1", title)
                sources(old, new, to: html)
            }
            summary(diffs, to: html)
            for diff in diffs where !output.failed {
                html.block("section", attributes: " id=\"\(HTMLReport.anchor(diff.plan))\"") {
                    html.element("h2", diff.plan)
                    plan(diff, to: html)
                }
            }
        }
        output.flush()
    }

    /// Each fact of the two rule files (name, hash, campaign header) in a row, old then new.
    static func sources(_ old: ReportSource, _ new: ReportSource, to html: HTMLText) {
        let before = HTMLReport.facts(old), after = HTMLReport.facts(new)
        var terms = after.map(\.0)
        terms += before.map(\.0).filter { !terms.contains($0) }
        let oldFacts = Dictionary(before, uniquingKeysWith: { first, _ in first })
        let newFacts = Dictionary(after, uniquingKeysWith: { first, _ in first })
        html.block("div", class: "scroll") {
            html.block("table", class: "facts") {
                html.row(["", "old", "new"], header: true)
                for term in terms { html.row([term, oldFacts[term] ?? "—", newFacts[term] ?? "—"]) }
            }
        }
    }

    /// A row per plan: how many subjects changed, both totals and the change.
    static func summary(_ diffs: [PlanDiff], to html: HTMLText) {
        html.block("nav") {
            html.block("table", class: "summary") {
                html.row(["plan", "changed", "old total", "new total", "change"], header: true, numeric: { $0 > 1 })
                for diff in diffs {
                    html.raw("<tr>")
                    HTMLReport.linkCell(diff.plan, to: html)
                    html.element("td", "\(diff.changes.count.grouped) of \(HTMLValues.count(diff.subjectCount, "subject"))")
                    html.element("td", TableCell.text(diff.oldTotal), class: "num")
                    html.element("td", TableCell.text(diff.newTotal), class: "num")
                    change(PlanDiff.difference(diff.newTotal, diff.oldTotal), to: html)
                    html.raw("</tr>\n")
                }
            }
        }
    }

    /// One plan: its chart of changes and its table of changed subjects.
    static func plan(_ diff: PlanDiff, to html: HTMLText) {
        guard !diff.changes.isEmpty else {
            return html.element("p", "No statement changed (\(HTMLValues.count(diff.subjectCount, "subject")) compared).", class: "note")
        }
        let currency = diff.changes.lazy.compactMap { change -> Currency? in
            if case .money(_, let currency)? = change.change { currency } else { nil }
        }.first
        let bars = diff.changes.map { BarChart.Bar(label: $0.subject, amount: $0.change?.decimal ?? .zero, text: $0.change.map(signed) ?? "") }
        let shown = BarChart.top(
            bars, count: HTMLReport.chartBars, restLabel: { "the other \($0.grouped)" },
            describe: { sum in signed(currency.map { .money(sum, $0) } ?? .number(sum)) })
        html.element("h3", "\(diff.changes.count.grouped) of \(HTMLValues.count(diff.subjectCount, "subject")) changed")
        BarChart.write(shown, title: "\(diff.plan): changes by subject", to: html)
        html.block("div", class: "scroll") {
            html.block("table", class: "changes") {
                html.row(["subject", "old", "new", "change", "changed lines"], header: true, numeric: { (1...3).contains($0) })
                for subject in diff.changes.prefix(HTMLReport.statementLimit) where !html.output.failed { row(subject, to: html) }
                HTMLValues.totalRow(
                    [
                        "TOTAL", TableCell.text(diff.oldTotal), TableCell.text(diff.newTotal),
                        PlanDiff.difference(diff.newTotal, diff.oldTotal).map(signed) ?? "", "",
                    ],
                    numeric: { (1...3).contains($0) }, to: html)
            }
        }
        HTMLValues.notShown(diff.changes.count - HTMLReport.statementLimit, "changed subjects (the TOTAL includes them)", to: html)
    }

    /// A changed subject: both totals, the change, and each changed line as `old → new`.
    static func row(_ subject: PlanDiff.SubjectChange, to html: HTMLText) {
        html.raw("<tr>")
        html.element("td", subject.subject)
        html.element("td", subject.oldTotal.map { TableCell.text($0) } ?? "—", class: "num")
        html.element("td", subject.newTotal.map { TableCell.text($0) } ?? "—", class: "num")
        change(subject.change, to: html)
        html.raw("<td><ul class=\"lines\">")
        for line in subject.lines {
            html.element("li", "\(line.label): \(line.old.map { TableCell.text($0) } ?? "—") → \(line.new.map { TableCell.text($0) } ?? "—")")
        }
        html.raw("</ul></td></tr>\n")
    }

    /// A change's cell, green when a payout went up and red when it went down.
    static func change(_ value: Value?, to html: HTMLText) {
        let sign = value?.decimal?.signum() ?? 0
        html.element("td", value.map(signed) ?? "", class: sign > 0 ? "num up" : sign < 0 ? "num down" : "num")
    }

    /// `+$24.00`, `-$12.00`, `$0.00`: amounts as tables show them, with a plus for a rise.
    static func signed(_ value: Value) -> String {
        (value.decimal?.signum() ?? 0) > 0 ? "+" + TableCell.text(value) : TableCell.text(value)
    }
}
