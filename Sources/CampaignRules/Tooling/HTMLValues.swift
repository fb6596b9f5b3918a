// HTMLValues: one output of a run as HTML: statements, an allocation, a table, a record or a value.

/// Writes each kind of output as the terminal shows it, in HTML: the same cells (money as
/// `$1,234.50`, from `TableCell`), the same columns, the same totals.
enum HTMLValues {
    /// Rows listed for a list that is not a plan's statements.
    static let rowLimit = HTMLReport.statementLimit

    static func write(_ value: Value, name: String, to html: HTMLText) {
        if let statements = StatementRows(value) { return HTMLStatements.write(statements, plan: name, to: html) }
        if AllocationPrinter.isAllocation(value) { return allocation(value, name: name, to: html) }
        switch value {
        case .list(let items) where TablePrinter.isListOfRecords(items):
            records(items, to: html)
        case .list(let items):
            if items.isEmpty { return html.element("p", "(empty list)", class: "note") }
            html.block("ul") {
                for item in items.prefix(rowLimit) { html.element("li", TableCell.text(item)) }
            }
            notShown(items.count - rowLimit, "items", to: html)
        case .record(let record):
            html.block("table") {
                for (field, value) in zip(record.shape.fieldNames, record.values) {
                    html.row([field, TableCell.text(value)], numeric: { $0 == 1 && value.decimal != nil })
                }
            }
        default:
            html.element("p", TableCell.text(value), class: "value")
        }
    }

    /// What an output holds and its total, for the page's summary.
    static func summary(_ value: Value) -> (holds: String, total: String) {
        if let statements = StatementRows(value) {
            return (count(statements.count, "statement"), statements.sumOfTotals().map { TableCell.text($0) } ?? "")
        }
        if AllocationPrinter.isAllocation(value) {
            let split = AllocationPrinter.split(value)
            return ("allocation, " + count(split.rows.count, "item"), split.total.map { TableCell.text($0) } ?? "")
        }
        switch value {
        case .list(let items): return (count(items.count, "row"), "")
        case .record: return ("record", "")
        default: return ("value", TableCell.text(value))
        }
    }

    /// `1 statement`, `3 statements`.
    static func count(_ number: Int, _ noun: String) -> String {
        "\(number.grouped) \(noun)" + (number == 1 ? "" : "s")
    }

    /// The allocation as bars with their amounts and shares, then the table with the total.
    static func allocation(_ value: Value, name: String, to html: HTMLText) {
        let split = AllocationPrinter.split(value)
        var bars = split.rows.map { row in
            BarChart.Bar(label: row.label, amount: row.amount.decimal ?? .zero, text: "\(TableCell.text(row.amount)) · \(row.share)")
        }
        if let rest = split.unallocated {
            bars.append(
                BarChart.Bar(
                    label: "unallocated", amount: rest.amount.decimal ?? .zero,
                    text: "\(TableCell.text(rest.amount)) · \(rest.share)", isRest: true))
        }
        BarChart.write(Array(bars.prefix(rowLimit)), title: "\(name): amounts and shares", to: html)
        html.block("div", class: "scroll") {
            html.block("table") {
                html.row(["item", "amount", "share"], header: true, numeric: { $0 > 0 })
                for row in split.rows.prefix(rowLimit) { html.row([row.label, TableCell.text(row.amount), row.share], numeric: { $0 > 0 }) }
                if let rest = split.unallocated { html.row(["unallocated", TableCell.text(rest.amount), rest.share], numeric: { $0 > 0 }) }
                if let total = split.total { totalRow(["TOTAL", TableCell.text(total), "100.0%"], numeric: { $0 > 0 }, to: html) }
            }
        }
        notShown(split.rows.count - rowLimit, "items", to: html)
    }

    /// A list of records as a table, a column per field, the first `rowLimit` rows.
    static func records(_ items: ValueList, to html: HTMLText) {
        let columns = TablePrinter.columnNames(of: items)
        html.block("div", class: "scroll") {
            html.block("table") {
                html.row(columns, header: true)
                for item in items.prefix(rowLimit) {
                    guard case .record(let record) = item else { continue }
                    let values = columns.map { record[$0] }
                    html.row(values.map { $0.map { TableCell.text($0) } ?? "" }, numeric: { values[$0]?.decimal != nil })
                }
            }
        }
        notShown(items.count - rowLimit, "rows", to: html)
    }

    /// A row in bold under a rule: a table's total.
    static func totalRow(_ cells: [String], numeric: (Int) -> Bool, to html: HTMLText) {
        html.raw("<tr class=\"total\">")
        for (index, cell) in cells.enumerated() { html.element("td", cell, class: numeric(index) ? "num" : nil) }
        html.raw("</tr>\n")
    }

    /// Says how many were left out, and where to find them: a page never drops rows silently.
    static func notShown(_ count: Int, _ what: String, to html: HTMLText) {
        guard count > 0 else { return }
        html.element("p", "… and \(count.grouped) more \(what), not shown here; --format csv lists them all.", class: "note")
    }
}

extension Int {
    /// The number with thousands separated by commas (`100,000`), as amounts are grouped.
    var grouped: String {
        let digits = String(magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (self < 0 ? "-" : "") + grouped
    }
}
