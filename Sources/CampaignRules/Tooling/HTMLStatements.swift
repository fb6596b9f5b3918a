// HTMLStatements: a plan's statements in the HTML report: a chart of payouts by key and the statement table.

/// A plan as a bar chart of every statement's total (the largest `HTMLReport.chartBars`, then
/// the rest as one bar), then the statement table the terminal prints (key, a column per line
/// as written, total, and the TOTAL row), each row with a `<details>` that unfolds its lines
/// and their reasons: open on demand, with no script.
///
/// Only the first `HTMLReport.statementLimit` statements are listed, so that a plan of 100,000
/// statements still makes a page a browser opens; the chart and the total cover them all, and
/// a note says how many are not listed.
enum HTMLStatements {
    static func write(_ statements: StatementRows, plan: String, to html: HTMLText) {
        chart(statements, plan: plan, to: html)
        let listed = min(statements.count, HTMLReport.statementLimit)
        html.block("div", class: "scroll") {
            html.block("table", class: "statements") {
                let keyColumns = statements.keys.header.count
                let header = statements.keys.header + statements.labels + ["total", "lines"]
                html.row(header, header: true, numeric: { $0 >= keyColumns && $0 < header.count - 1 })
                var amounts: [Value?] = []
                for index in 0..<listed where !html.output.failed {
                    row(statements, index, amounts: &amounts, to: html)
                }
                if let total = statements.sumOfTotals() {
                    let blanks = [String](repeating: "", count: keyColumns - 1 + statements.labels.count)
                    HTMLValues.totalRow(["TOTAL"] + blanks + [TableCell.text(total), ""], numeric: { $0 >= keyColumns }, to: html)
                }
            }
        }
        HTMLValues.notShown(statements.count - listed, "statements (the chart and the TOTAL include them)", to: html)
    }

    /// Bars for every statement's total, by key.
    static func chart(_ statements: StatementRows, plan: String, to html: HTMLText) {
        guard statements.count > 0 else { return html.element("p", "No statements.", class: "note") }
        var amounts: [Value?] = []
        var currency: Currency?
        let bars = (0..<statements.count).map { index -> BarChart.Bar in
            let total = statements.read(index, into: &amounts)
            if case .money(_, let paidIn)? = total { currency = paidIn }
            return BarChart.Bar(label: key(statements, index), amount: total?.decimal ?? .zero, text: total.map { TableCell.text($0) } ?? "")
        }
        let shown = BarChart.top(
            bars, count: HTMLReport.chartBars, restLabel: { "the other \($0.grouped)" },
            describe: { sum in TableCell.text(currency.map { .money(sum, $0) } ?? .number(sum)) })
        html.element(
            "h3",
            bars.count > HTMLReport.chartBars
                ? "Payouts by key: the \(HTMLReport.chartBars) largest, then the rest" : "Payouts by key")
        BarChart.write(shown, title: "\(plan): payouts by key", to: html)
    }

    /// A statement's key as one text: named keys joined by `, `.
    static func key(_ statements: StatementRows, _ index: Int) -> String {
        statements.keys.values(at: index).map(TablePrinter.cell).joined(separator: ", ")
    }

    /// One statement's row: its key cells, its amount per line as written, its total, and its
    /// lines folded.
    static func row(_ statements: StatementRows, _ index: Int, amounts: inout [Value?], to html: HTMLText) {
        let total = statements.read(index, into: &amounts)
        html.raw("<tr>")
        for key in statements.keys.values(at: index) { html.element("td", TablePrinter.cell(key)) }
        for amount in amounts { html.element("td", amount.map { TableCell.text($0) } ?? "", class: "num") }
        html.element("td", total.map { TableCell.text($0) } ?? "", class: "num")
        html.raw("<td>")
        if let statement = statements.statement(at: index) { lines(of: statement, to: html) }
        html.raw("</td></tr>\n")
    }

    /// The statement's lines, each with its amount and reasons, and the statement's own notes
    /// (a cap, a minimum), inside a `<details>` whose summary counts them.
    static func lines(of statement: RecordValue, to html: HTMLText) {
        let lines = StatementRows.lines(of: statement)
        let notes = statement.explanation?.facts ?? []
        let explained = !notes.isEmpty || lines.contains { !$0.facts.isEmpty }
        html.raw("<details><summary>")
        html.text(HTMLValues.count(lines.count, "line") + (explained ? ", explained" : ""))
        html.raw("</summary><ul class=\"lines\">")
        for line in lines.prefix(HTMLReport.lineLimit) {
            html.raw("<li>")
            html.element("span", TableCell.text(line.amount), class: "num")
            html.text(" " + line.label)
            reasons(line.facts, to: html)
            html.raw("</li>")
        }
        html.raw("</ul>")
        if lines.count > HTMLReport.lineLimit {
            html.element(
                "p", "… and \((lines.count - HTMLReport.lineLimit).grouped) more lines; --lines or --format csv lists them all.", class: "note")
        }
        reasons(notes, to: html)
        html.raw("</details>")
    }

    static func reasons(_ facts: [String], to html: HTMLText) {
        guard !facts.isEmpty else { return }
        html.raw("<ul class=\"why\">")
        for fact in facts { html.element("li", fact) }
        html.raw("</ul>")
    }
}
