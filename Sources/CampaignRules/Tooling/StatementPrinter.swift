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
        guard let statements = StatementRows(value) else { return (["subject", "total"], []) }
        var amounts: [Value?] = []
        let rows = (0..<statements.count).map { index -> [Value?] in
            let total = statements.read(index, into: &amounts)
            return [statements.subjects.value(at: index)] + amounts + [total]
        }
        return (["subject"] + statements.labels + ["total"], rows)
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
        TextOutput.lines { writeTable(value, to: $0) }
    }

    /// Writes the statement table a row at a time, as lines of `output`.
    public static func writeTable(_ value: Value, to output: TextOutput) {
        guard let statements = StatementRows(value) else { return }
        let header = ["subject"] + statements.labels + ["total"]
        let total = statements.sumOfTotals()
        var amounts: [Value?] = []
        TableLayout.write(header: header, rightAligned: header.indices.map { $0 > 0 }, count: statements.count + (total == nil ? 0 : 1),
                          to: output) { index, row in
            guard index < statements.count else {
                row.append("TOTAL")
                for _ in statements.labels { row.endCell() }
                if let total { TableCell.append(total, to: row.bytes) }
                row.endCell()
                return
            }
            let statementTotal = statements.read(index, into: &amounts)
            statements.subjects.appendCell(index, to: row.bytes)
            row.endCell()
            for amount in amounts {
                if let amount { TableCell.append(amount, to: row.bytes) }
                row.endCell()
            }
            if let statementTotal { TableCell.append(statementTotal, to: row.bytes) }
            row.endCell()
        }
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
        StatementRows.lines(of: statement)
    }
}
