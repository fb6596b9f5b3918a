// The lines of statements by column, and one statement's run of them.

/// Lines of statements by column: a label, an amount and the plan line's shape each (and the
/// reasons, when explained). A line is a record only when it is read, so a plan paying order
/// by order keeps about 30 bytes a line rather than a record and its array. The general
/// evaluator keeps one statement's lines in one; a plan's kernel keeps all its statements'.
final class LineColumns: Sendable {
    let labels: [String]
    let amounts: DecimalColumn
    let shapes: [RecordShape]
    /// Empty unless the statements were explained.
    let explanations: [Explanation?]
    let currency: Currency

    init(labels: [String], amounts: DecimalColumn, shapes: [RecordShape], explanations: [Explanation?], currency: Currency) {
        self.labels = labels
        self.amounts = amounts
        self.shapes = shapes
        self.explanations = explanations
        self.currency = currency
    }
}

/// The lines of one statement: a run of `LineColumns`.
final class StatementLines: Sendable {
    let columns: LineColumns
    let start: Int
    let count: Int

    init(_ columns: LineColumns, start: Int, count: Int) {
        self.columns = columns
        self.start = start
        self.count = count
    }

    /// A statement's own lines.
    convenience init(labels: [String], amounts: DecimalColumn, shapes: [RecordShape], explanations: [Explanation?], currency: Currency) {
        self.init(LineColumns(labels: labels, amounts: amounts, shapes: shapes, explanations: explanations, currency: currency),
                  start: 0, count: labels.count)
    }

    var currency: Currency { columns.currency }
    func label(at index: Int) -> String { columns.labels[start + index] }
    func amount(at index: Int) -> DecimalNumber { columns.amounts[start + index] }
    func shape(at index: Int) -> RecordShape { columns.shapes[start + index] }
    func explanation(at index: Int) -> Explanation? { columns.explanations.isEmpty ? nil : columns.explanations[start + index] }

    /// The amounts, as a column of their own.
    var amounts: DecimalColumn {
        if start == 0, count == columns.amounts.count { return columns.amounts }
        return DecimalColumn((0..<count).map(amount(at:)))
    }

    subscript(index: Int) -> Value {
        .record(RecordValue(shape: shape(at: index), values: [.text(label(at: index)), .money(amount(at: index), currency)],
                            explanation: explanation(at: index)))
    }
}
