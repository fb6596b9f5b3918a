// The lines of statements by column, and one statement's run of them.

/// Lines of statements by column: each line's amount and kind (the plan line it comes from:
/// its shape, and how its label is found), and, where the kind needs them, its label or the
/// row of the item it was paid for (and the reasons, when explained). A line is a record only
/// when it is read, so a plan paying order by order keeps about 10 bytes a line rather than a
/// record and its array. The general evaluator keeps one statement's lines in one; a plan's
/// kernel keeps all its statements'.
final class LineColumns: Sendable {
    /// The lines of one plan line (or the cap's, or the minimum's).
    struct Kind: Sendable {
        let shape: RecordShape
        let label: KindLabel
        /// For an itemized line's kind made by a kernel, the column of the item's key, read
        /// at the line's item row (see `ItemKey`).
        var itemKey: RecordTable.Column? = nil
    }

    enum KindLabel: Sendable {
        /// Every line of the kind has this label.
        case constant(String)
        /// Each line's label is kept, in `labels`.
        case kept
        /// Each line's label is made from its item's row when read (see `LabelMaker`).
        case made(LabelMaker)
    }

    let kinds: [Kind]
    let kindOfLine: [UInt32]
    /// Each line's label, when some kind keeps them; else empty.
    let labels: [String]
    /// Each line's item row, when some kind makes its labels; else empty.
    let rows: [Int32]
    let amounts: DecimalColumn
    /// Empty unless the statements were explained.
    let explanations: [Explanation?]
    /// Each line's item key, for lines the general evaluator made when some are itemized; else empty.
    let itemKeys: [Value]
    let currency: Currency

    init(
        kinds: [Kind], kindOfLine: [UInt32], labels: [String], rows: [Int32], amounts: DecimalColumn, explanations: [Explanation?],
        itemKeys: [Value] = [], currency: Currency
    ) {
        (self.kinds, self.kindOfLine, self.labels, self.rows) = (kinds, kindOfLine, labels, rows)
        (self.amounts, self.explanations, self.itemKeys, self.currency) = (amounts, explanations, itemKeys, currency)
    }

    /// Lines whose labels are all kept, each with its shape.
    convenience init(
        labels: [String], amounts: DecimalColumn, shapes: [RecordShape], explanations: [Explanation?], itemKeys: [Value] = [],
        currency: Currency
    ) {
        var kinds: [Kind] = [], kindOfLine: [UInt32] = []
        kindOfLine.reserveCapacity(shapes.count)
        // A plan line's lines follow each other, and a plan has few lines: the last kind, then
        // the others; past a few, by identity (a plan may have a hundred thousand lines).
        var kindOfShape: [ObjectIdentifier: UInt32] = [:]
        for shape in shapes {
            if let last = kindOfLine.last, kinds[Int(last)].shape === shape {
                kindOfLine.append(last)
            } else if let known = kinds.count <= 8
                ? kinds.firstIndex(where: { $0.shape === shape }).map(UInt32.init)
                : kindOfShape[ObjectIdentifier(shape)]
            {
                kindOfLine.append(known)
            } else {
                kindOfShape[ObjectIdentifier(shape)] = UInt32(kinds.count)
                kindOfLine.append(UInt32(kinds.count))
                kinds.append(Kind(shape: shape, label: .kept))
            }
        }
        self.init(
            kinds: kinds, kindOfLine: kindOfLine, labels: labels, rows: [], amounts: amounts, explanations: explanations,
            itemKeys: itemKeys, currency: currency)
    }

    /// The key of the item the line was paid for; nil for a line that is not itemized, or
    /// whose item has no key.
    func itemKey(at line: Int) -> Value? {
        if let column = kinds[Int(kindOfLine[line])].itemKey { return ItemKey.of(column.value(at: Int(rows[line]))) }
        guard !itemKeys.isEmpty, case let key = itemKeys[line] else { return nil }
        if case .missing = key { return nil }
        return key
    }

    func label(at line: Int) -> String {
        switch kinds[Int(kindOfLine[line])].label {
        case .constant(let text): text
        case .kept: labels[line]
        case .made(let maker): maker.label(row: Int(rows[line]))
        }
    }

    func shape(at line: Int) -> RecordShape { kinds[Int(kindOfLine[line])].shape }

    /// Whether labels equal `text` (as the language compares text: byte for byte in UTF-8) for
    /// every line of the line's kind at once: the comparison of its one label, or false when its
    /// labels are made with leading text that `text` does not start with; nil when it must be
    /// decided line by line.
    func labelEquals(_ text: String, forEveryLineOfKindAt line: Int) -> Bool? {
        switch kinds[Int(kindOfLine[line])].label {
        case .constant(let label): Value.compareScalars(label, text) == 0
        case .kept: nil
        case .made(let maker): maker.leadingText.map { text.utf8.starts(with: $0.utf8) ? nil : false } ?? nil
        }
    }
}

/// A label that shows fields of an item, made from the item's row when the label is read:
/// `"Order \(o.id)"` for a million orders keeps a row number each, not a million strings. Only
/// columns whose every value shows as text make labels this way (no list, record or missing
/// value, which interpolation refuses); others are made when the statement is.
final class LabelMaker: Sendable {
    enum Part: Sendable {
        case text(String)
        case column(RecordTable.Column)
    }

    let parts: [Part]
    /// The text every label starts with.
    var leadingText: String? {
        if case .text(let text)? = parts.first { return text }
        return nil
    }

    init(_ parts: [Part]) {
        self.parts = parts
    }

    /// Whether every value of the column shows as text.
    static func alwaysShows(_ column: RecordTable.Column) -> Bool {
        switch column {
        case .amounts, .moneys, .texts, .codedTexts, .timestamps, .dates, .bools, .enumValues: true
        case .values, .constant: false
        }
    }

    func label(row: Int) -> String {
        var label = ""
        for part in parts {
            switch part {
            case .text(let text): label += text
            case .column(let column): label += column.value(at: row).plainText
            }
        }
        return label
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
    convenience init(
        labels: [String], amounts: DecimalColumn, shapes: [RecordShape], explanations: [Explanation?], itemKeys: [Value] = [],
        currency: Currency
    ) {
        self.init(
            LineColumns(
                labels: labels, amounts: amounts, shapes: shapes, explanations: explanations, itemKeys: itemKeys,
                currency: currency),
            start: 0, count: labels.count)
    }

    var currency: Currency { columns.currency }
    func label(at index: Int) -> String { columns.label(at: start + index) }
    func amount(at index: Int) -> DecimalNumber { columns.amounts[start + index] }
    func shape(at index: Int) -> RecordShape { columns.shape(at: start + index) }
    func explanation(at index: Int) -> Explanation? { columns.explanations.isEmpty ? nil : columns.explanations[start + index] }
    func labelEquals(_ text: String, forEveryLineOfKindAt index: Int) -> Bool? { columns.labelEquals(text, forEveryLineOfKindAt: start + index) }
    func kind(at index: Int) -> UInt32 { columns.kindOfLine[start + index] }
    func itemKey(at index: Int) -> Value? { columns.itemKey(at: start + index) }

    /// The amounts, as a column of their own.
    var amounts: DecimalColumn {
        if start == 0, count == columns.amounts.count { return columns.amounts }
        return DecimalColumn((0..<count).map(amount(at:)))
    }

    subscript(index: Int) -> Value {
        let shape = shape(at: index)
        var values: [Value] = [.text(label(at: index)), .money(amount(at: index), currency)]
        if shape.fieldNames.count > 2 { values.append(itemKey(at: index) ?? .missing) }
        return .record(RecordValue(shape: shape, values: values, explanation: explanation(at: index)))
    }
}
