// Prints payout statements: one row per subject with a column per line, or explained line by line.

/// Layouts for the statements a plan produces.
public enum StatementPrinter {
    /// True when the value is a plan's result: a list of statements.
    public static func isStatementList(_ value: Value) -> Bool {
        guard case .list(let items) = value, let first = items.first, case .record(let record) = first else { return false }
        return record.shape === RecordShape.statement
    }

    /// The statements as rows: subject, one column per line label (in order of first use), total.
    public static func rows(_ value: Value) -> (header: [String], rows: [[Value?]]) {
        let statements = records(value)
        let labels = mergedLabels(statements.map { lines(of: $0).map(\.label) })
        let rows = statements.map { statement -> [Value?] in
            let byLabel = Dictionary(lines(of: statement).map { ($0.label, $0.amount) }, uniquingKeysWith: { first, _ in first })
            return [statement["subject"]] + labels.map { byLabel[$0] } + [statement["total"]]
        }
        return (["subject"] + labels + ["total"], rows)
    }

    /// Line labels in plan order: each statement lists its lines in the order the plan declares
    /// them, so a label first seen in a later statement goes right after its predecessor there.
    /// The cap and minimum lines always come last, in that order.
    ///
    /// Linear in the number of lines when statements share their labels, as a plan's do: a
    /// label already placed is found by hashing, and one placed after the last is appended.
    static func mergedLabels(_ sequences: [[String]]) -> [String] {
        let closing: Set<String> = ["Cap", "Below minimum"]
        var merged: [String] = []
        var position: [String: Int] = [:]
        var closingSeen: Set<String> = []
        for sequence in sequences {
            var previous: String?
            for label in sequence {
                if closing.contains(label) {
                    closingSeen.insert(label)
                    continue
                }
                if position[label] == nil {
                    let at = previous.flatMap { position[$0] }.map { $0 + 1 } ?? 0
                    merged.insert(label, at: at)
                    if at == merged.count - 1 {
                        position[label] = at
                    } else {
                        for index in at..<merged.count { position[merged[index]] = index }
                    }
                }
                previous = label
            }
        }
        return merged + ["Cap", "Below minimum"].filter(closingSeen.contains)
    }

    /// The statement table for a terminal, with a totals row.
    public static func table(_ value: Value) -> String {
        let (header, rows) = rows(value)
        var cells = rows.map { row in row.map { $0.map(TablePrinter.cell) ?? "" } }
        if let total = try? Aggregates.sum(records(value).compactMap { $0["total"] }) {
            cells.append(["TOTAL"] + Array(repeating: "", count: header.count - 2) + [TablePrinter.cell(total)])
        }
        let numeric = header.indices.map { $0 > 0 }
        return TablePrinter.grid(header: header, rows: cells, rightAligned: numeric)
    }

    /// Each statement with its lines and the reasons behind them (`rules run --explain`).
    public static func explained(_ value: Value) -> String {
        records(value).map { statement in
            var text = "\(statement["subject"].map(TablePrinter.cell) ?? "?"): \(statement["total"]?.description ?? "")"
            let entries = lines(of: statement)
            let labelWidth = entries.map(\.label.count).max() ?? 0
            let amountWidth = entries.map(\.amount.description.count).max() ?? 0
            for entry in entries {
                text += "\n  " + entry.label.padding(to: labelWidth) + "  " + entry.amount.description.padding(toLeft: amountWidth)
                for fact in entry.facts { text += "\n      " + fact }
            }
            for note in statement.explanation?.facts ?? [] { text += "\n  " + note }
            return text
        }.joined(separator: "\n\n")
    }

    private static func records(_ value: Value) -> [RecordValue] {
        guard case .list(let items) = value else { return [] }
        return items.compactMap { if case .record(let record) = $0 { record } else { nil } }
    }

    private static func lines(of statement: RecordValue) -> [(label: String, amount: Value, facts: [String])] {
        guard case .list(let items)? = statement["lines"] else { return [] }
        return items.compactMap { item in
            guard case .record(let line) = item, case .text(let label)? = line["label"], let amount = line["amount"] else { return nil }
            return (label, amount, line.explanation?.facts ?? [])
        }
    }
}
