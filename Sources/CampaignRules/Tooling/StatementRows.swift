// A plan's statements read row by row for printing: from the plan's columns, or from records.

/// The statements of a plan as the rows of its statement table: the key, one amount per line
/// as written (in the order `StatementPrinter.mergedLabels` gives), and the total.
///
/// A line as written is its title: an itemized line (`commission "Order \(o.id)" for o in
/// orders: …`) gives many lines under one title, and its column shows their sum; `--lines`,
/// CSV and JSON show each of them.
///
/// A plan over a table keeps its statements by column (`StatementTable`); they are read from
/// there, one row at a time, so printing a million statements builds no record per statement
/// or line. Any other list of statements is read from its records.
struct StatementRows {
    /// A statement's line as printed: its label, the title of its column, its amount, the key
    /// of the item it was paid for, and its reasons.
    typealias Line = (label: String, title: String, amount: Value, item: Value?, facts: [String])

    private enum Storage {
        case columns(StatementColumnReader)
        case records([RecordValue])
    }

    /// The amount columns: each line's title, then the cap and the minimum when paid.
    let labels: [String]
    let keys: KeyCells
    let count: Int
    /// Whether a statement has several lines under one title (an itemized line) or a label
    /// that differs from its title (one that shows values), so a column alone does not show
    /// every line.
    let itemized: Bool
    private let storage: Storage
    /// Each label's column, for summing a statement's lines into their columns.
    private let columnOfLabel: [String: Int]

    /// Nil when the value is not a list of statements.
    ///
    /// `withLabels: false` leaves `labels` empty and `itemized` true, for a caller that prints
    /// a row per line and needs neither: finding each statement's titles is then skipped.
    init?(_ value: Value, withLabels: Bool = true) {
        guard StatementPrinter.isStatementList(value), case .list(let items) = value else { return nil }
        if case .statements(let table) = items.storage {
            count = table.count
            labels = StatementRows.labels(of: table)
            storage = .columns(StatementColumnReader(table, labels: labels))
            keys = KeyCells(table.keys)
            itemized = false
            columnOfLabel = [:]
            return
        }
        let records = items.compactMap { if case .record(let record) = $0 { record } else { nil } }
        count = records.count
        let titles = withLabels ? records.map(StatementRows.titles(of:)) : []
        labels = StatementPrinter.mergedLabels(titles.map(\.titles))
        itemized = !withLabels || titles.contains { $0.itemized }
        columnOfLabel = Dictionary(labels.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        storage = .records(records)
        keys = KeyCells(ValueList(records.map { $0["key"] ?? $0["subject"] ?? .text("") }))
    }

    /// The amount of each label on the statement at `index` (nil where it has no such line)
    /// into `amounts`, which is reused from row to row; returns the statement's total.
    func read(_ index: Int, into amounts: inout [Value?]) -> Value? {
        amounts.removeAll(keepingCapacity: true)
        switch storage {
        case .columns(let columns):
            if case .record(let statement)? = columns.made[index] {
                return StatementRows.read(statement, labels, into: &amounts)
            }
            return columns.read(index, into: &amounts)
        case .records(let records):
            if let compact = StatementRows.compactLines(of: records[index]) {
                readCompact(compact, into: &amounts)
                return records[index]["total"]
            }
            return StatementRows.read(records[index], labels, into: &amounts)
        }
    }

    /// Sums a statement's lines into their columns as decimals, without making a record per
    /// line. Lines of one plan line share their shape and follow each other, so the column is
    /// looked up once per run of them.
    private func readCompact(_ compact: StatementLines, into amounts: inout [Value?]) {
        var sums = [DecimalNumber?](repeating: nil, count: labels.count)
        var lastShape: RecordShape?, lastColumn: Int?
        for index in 0..<compact.count {
            let shape = compact.shape(at: index)
            let column: Int?
            if shape === lastShape, shape.title != nil {
                column = lastColumn
            } else {
                column = columnOfLabel[shape.title ?? compact.label(at: index)]
                (lastShape, lastColumn) = (shape, column)
            }
            guard let column else { continue }
            let amount = compact.amount(at: index)
            sums[column] = sums[column].map { (try? $0.adding(amount, context: languageContext)) ?? $0 } ?? amount
        }
        for sum in sums { amounts.append(sum.map { .money($0, compact.currency) }) }
    }

    /// The statement at `index` as the record the evaluator would have built.
    func statement(at index: Int) -> RecordValue? {
        switch storage {
        case .columns(let columns):
            if case .record(let statement) = columns.table.statement(at: index) { return statement }
            return nil
        case .records(let records):
            return records[index]
        }
    }

    /// The sum of the totals, as the `TOTAL` row shows it; nil when they cannot be added.
    func sumOfTotals() -> Value? {
        switch storage {
        case .columns(let columns):
            return try? Aggregates.sum(ValueList(columns.table.totals, .money(columns.table.currency)))
        case .records(let records):
            return try? Aggregates.sum(records.compactMap { $0["total"] })
        }
    }

    /// The lines of a statement the general evaluator made, as it stores them (by column).
    private static func compactLines(of statement: RecordValue) -> StatementLines? {
        guard case .list(let items)? = statement["lines"], case .lines(let lines) = items.storage else { return nil }
        return lines
    }

    /// A statement's titles in line order, and whether it is itemized (see `itemized`). The
    /// lines an itemized plan line gives follow each other, so a repeated title is found next
    /// to its first.
    private static func titles(of statement: RecordValue) -> (titles: [String], itemized: Bool) {
        var titles: [String] = [], itemized = false
        if let lines = compactLines(of: statement) {
            titles.reserveCapacity(lines.count)
            for (shape, label) in (0..<lines.count).map({ (lines.shape(at: $0), lines.label(at: $0)) }) {
                let title = shape.title ?? label
                if title != label { itemized = true }
                // An itemized line's run of lines is one title in the order of columns.
                if titles.last == title {
                    itemized = true
                    continue
                }
                titles.append(title)
            }
            return (titles, itemized)
        }
        for line in lines(of: statement) {
            if line.title != line.label || titles.last == line.title { itemized = true }
            titles.append(line.title)
        }
        return (titles, itemized)
    }

    /// Each title's amount from a statement record: the sum of the lines under it (one line,
    /// unless the line is itemized), found by hashing when the statement has many lines.
    private static func read(_ statement: RecordValue, _ labels: [String], into amounts: inout [Value?]) -> Value? {
        let lines = lines(of: statement)
        if lines.count <= 8, !lines.contains(where: { $0.title != $0.label }) {
            for label in labels { amounts.append(lines.first { $0.label == label }?.amount) }
        } else {
            var byTitle: [String: Value] = [:]
            for line in lines {
                // Lines of one statement are money of the campaign's currency, so they add.
                byTitle[line.title] = byTitle[line.title].map { (try? $0.adding(line.amount)) ?? $0 } ?? line.amount
            }
            for label in labels { amounts.append(byTitle[label]) }
        }
        return statement["total"]
    }

    /// A statement's lines: each label, the title of the plan line that gave it (the label, for
    /// lines made elsewhere), its amount and the reasons recorded for it.
    static func lines(of statement: RecordValue) -> [Line] {
        if let compact = compactLines(of: statement) {
            return (0..<compact.count).map { index in
                let label = compact.label(at: index)
                return (
                    label, compact.shape(at: index).title ?? label, .money(compact.amount(at: index), compact.currency),
                    compact.itemKey(at: index), compact.explanation(at: index)?.facts ?? []
                )
            }
        }
        guard case .list(let items)? = statement["lines"] else { return [] }
        return items.compactMap { item in
            guard case .record(let line) = item, case .text(let label)? = line["label"], let amount = line["amount"] else { return nil }
            return (label, line.shape.title ?? label, amount, line["item"], line.explanation?.facts ?? [])
        }
    }

    /// The merged labels of a plan's columns. Merging a statement whose labels are all placed
    /// already changes nothing, so only statements that pay a line not seen before are merged,
    /// found by testing a bit mask of each statement's paid slots.
    private static func labels(of table: StatementTable) -> [String] {
        let slotLabels = table.slotLabels
        guard slotLabels.count <= 64 else {
            return StatementPrinter.mergedLabels(
                (0..<table.count).map { index in
                    lines(of: table.statement(at: index)).map(\.title)
                })
        }
        var sequences: [[String]] = []
        var placed: UInt64 = 0
        let madeStatements = MadeStatements(table)
        for index in 0..<table.count {
            if let made = madeStatements[index] {
                let labels = lines(of: made).map(\.title)
                sequences.append(labels)
                for (slot, label) in slotLabels.enumerated() where labels.contains(label) { placed |= 1 << UInt64(slot) }
                continue
            }
            var pattern: UInt64 = 0
            for slot in slotLabels.indices where table.isPaid(index, slot: slot) { pattern |= 1 << UInt64(slot) }
            guard pattern & ~placed != 0 else { continue }
            placed |= pattern
            sequences.append(slotLabels.indices.filter { pattern & (1 << UInt64($0)) != 0 }.map { slotLabels[$0] })
        }
        return StatementPrinter.mergedLabels(sequences)
    }

    private static func lines(of statement: Value) -> [Line] {
        guard case .record(let record) = statement else { return [] }
        return lines(of: record)
    }
}
