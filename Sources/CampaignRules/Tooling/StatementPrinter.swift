// Prints payout statements: one row per subject with a column per line, or explained line by line.

/// Layouts for the statements a plan produces.
public enum StatementPrinter {
    /// True when the value is a plan's result: a list of statements.
    public static func isStatementList(_ value: Value) -> Bool {
        guard case .list(let items) = value, let first = items.first, case .record(let record) = first else { return false }
        return record.shape.isStatement
    }

    /// The statements as rows: the key, one column per line as written (in order of first
    /// use), total.
    public static func rows(_ value: Value) -> (header: [String], rows: [[Value?]]) {
        guard let statements = StatementRows(value) else { return (["subject", "total"], []) }
        var amounts: [Value?] = []
        let rows = (0..<statements.count).map { index -> [Value?] in
            let total = statements.read(index, into: &amounts)
            return statements.keys.values(at: index).map(Optional.some) + amounts + [total]
        }
        return (statements.keys.header + statements.labels + ["total"], rows)
    }

    /// Line labels in plan order: each statement lists its lines in the order the plan declares
    /// them, so a label first seen in a later statement goes right after its predecessor there.
    /// The lines that close a statement (the cap, the balance brought forward, what is held)
    /// always come last, in the order a statement adds them.
    ///
    /// Linear in the number of lines when statements share their labels, as a plan's do: a
    /// label already placed is found by hashing, and one placed after the last is appended.
    static func mergedLabels(_ sequences: [[String]]) -> [String] {
        let closing = Set(CompiledPlan.closingLabels)
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
        return merged + CompiledPlan.closingLabels.filter(closingSeen.contains)
    }

    /// The statement table for a terminal, with a totals row.
    public static func table(_ value: Value) -> String {
        TextOutput.lines { writeTable(value, to: $0) }
    }

    /// Writes the statement table a row at a time, as lines of `output`.
    public static func writeTable(_ value: Value, to output: TextOutput) {
        guard let statements = StatementRows(value) else { return }
        let keyColumns = statements.keys.header.count
        let header = statements.keys.header + statements.labels + ["total"]
        let total = statements.sumOfTotals()
        var amounts: [Value?] = []
        TableLayout.write(
            header: header, rightAligned: header.indices.map { $0 >= keyColumns }, count: statements.count + (total == nil ? 0 : 1),
            to: output
        ) { index, row in
            guard index < statements.count else {
                row.append("TOTAL")
                for _ in 1..<keyColumns { row.endCell() }
                for _ in statements.labels { row.endCell() }
                if let total { TableCell.append(total, to: row.bytes) }
                row.endCell()
                return
            }
            let statementTotal = statements.read(index, into: &amounts)
            statements.keys.appendCells(index, to: row.bytes) { row.endCell() }
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
        TextOutput.lines { writeListed(value, reasons: true, to: $0) }
    }

    /// Each statement, by its key, with every line it pays under it (`rules run --lines`, and
    /// with `reasons`, `--explain`): an itemized line's items one by one.
    public static func writeListed(_ value: Value, reasons: Bool, to output: TextOutput) {
        guard let statements = StatementRows(value) else { return }
        for index in 0..<statements.count where !output.failed {
            guard let statement = statements.statement(at: index) else { continue }
            if index > 0 { output.line("") }
            let key = statements.keys.values(at: index).map(TablePrinter.cell).joined(separator: ", ")
            output.line("\(key): \(statement["total"]?.description ?? "")")
            let entries = lines(of: statement)
            let labelWidth = entries.map(\.label.count).max() ?? 0
            let amountWidth = entries.map(\.amount.description.count).max() ?? 0
            for entry in entries {
                output.line("  " + entry.label.padding(to: labelWidth) + "  " + entry.amount.description.padding(toLeft: amountWidth))
                if reasons { for fact in entry.facts { output.line("      " + fact) } }
            }
            if reasons { for note in statement.explanation?.facts ?? [] { output.line("  " + note) } }
        }
    }

    private static func lines(of statement: RecordValue) -> [StatementRows.Line] {
        StatementRows.lines(of: statement)
    }
}
