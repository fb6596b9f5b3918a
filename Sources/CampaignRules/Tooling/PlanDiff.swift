// Compares the statements two versions of a plan produce on the same data, statement by statement, paired by key.

/// What changed between two runs of a plan: per subject the old and new totals and the lines
/// whose amounts differ, and the totals of both.
public struct PlanDiff: Sendable {
    public struct LineChange: Sendable {
        public let label: String
        /// Nil when the line did not appear in that version.
        public let old: Value?
        public let new: Value?
    }

    public struct SubjectChange: Sendable {
        /// The statement's key (see `CompiledPlan.KeySource`) as text.
        public let subject: String
        public let oldTotal: Value?
        public let newTotal: Value?
        public let change: Value?
        public let lines: [LineChange]
    }

    public let plan: String
    /// Only the subjects whose statements differ, in the new version's order.
    public let changes: [SubjectChange]
    public let oldTotal: Value
    public let newTotal: Value
    public let subjectCount: Int

    /// Pairs statements by key and keeps those that differ.
    public static func compare(plan: String, old: Value, new: Value) -> PlanDiff {
        let oldStatements = statements(old), newStatements = statements(new)
        let oldByKey = Dictionary(oldStatements.enumerated().map { (key($1, $0), $1) }, uniquingKeysWith: { first, _ in first })
        var keys = newStatements.enumerated().map { key($1, $0) }
        let newKeys = Set(keys)
        keys += oldStatements.enumerated().map { key($1, $0) }.filter { !newKeys.contains($0) }
        let newByKey = Dictionary(newStatements.enumerated().map { (key($1, $0), $1) }, uniquingKeysWith: { first, _ in first })
        let changes = keys.compactMap { subject -> SubjectChange? in
            let before = oldByKey[subject], after = newByKey[subject]
            let lines = lineChanges(before, after)
            let oldTotal = before?["total"], newTotal = after?["total"]
            guard !lines.isEmpty || !same(oldTotal, newTotal) else { return nil }
            return SubjectChange(
                subject: subject, oldTotal: oldTotal, newTotal: newTotal,
                change: difference(newTotal, oldTotal), lines: lines)
        }
        return PlanDiff(
            plan: plan, changes: changes, oldTotal: total(oldStatements), newTotal: total(newStatements),
            subjectCount: keys.count)
    }

    static func statements(_ value: Value) -> [RecordValue] {
        guard case .list(let items) = value else { return [] }
        return items.compactMap { if case .record(let record) = $0 { record } else { nil } }
    }

    /// The statement's key as text (named keys joined by `, `); for statements made without
    /// one, the subject's `id`, `handle` or `name`, else the position.
    static func key(_ statement: RecordValue, _ position: Int) -> String {
        if let key = statement["key"] {
            if case .record(let fields) = key { return fields.values.map(\.plainText).joined(separator: ", ") }
            return key.plainText
        }
        if case .record(let subject)? = statement["subject"] {
            for field in ["id", "handle", "name"] { if let value = subject[field] { return value.plainText } }
        }
        return "#\(position + 1)"
    }

    /// The lines whose amounts differ, by label: the new version's order, then labels only
    /// the old one has. (Each label is looked up by hashing, so a plan of thousands of lines
    /// compares in linear time.)
    static func lineChanges(_ before: RecordValue?, _ after: RecordValue?) -> [LineChange] {
        let old = lines(before), new = lines(after)
        let oldByLabel = Dictionary(old.map { ($0.label, $0.amount) }, uniquingKeysWith: { first, _ in first })
        let newByLabel = Dictionary(new.map { ($0.label, $0.amount) }, uniquingKeysWith: { first, _ in first })
        var labels = new.map(\.label)
        labels += old.map(\.label).filter { newByLabel[$0] == nil }
        var seen: Set<String> = []
        return labels.compactMap { label in
            guard seen.insert(label).inserted else { return nil }
            let a = oldByLabel[label], b = newByLabel[label]
            return same(a, b) ? nil : LineChange(label: label, old: a, new: b)
        }
    }

    static func lines(_ statement: RecordValue?) -> [(label: String, amount: Value)] {
        guard case .list(let items)? = statement?["lines"] else { return [] }
        return items.compactMap { item in
            guard case .record(let line) = item, case .text(let label)? = line["label"], let amount = line["amount"] else { return nil }
            return (label, amount)
        }
    }

    static func same(_ a: Value?, _ b: Value?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case (let x?, let y?): (try? x.isEqual(to: y)) ?? false
        default: false
        }
    }

    static func difference(_ new: Value?, _ old: Value?) -> Value? {
        switch (new, old) {
        case (let a?, let b?): try? a.subtracting(b)
        case (let a?, nil): a
        case (nil, let b?): try? b.negated()
        default: nil
        }
    }

    static func total(_ statements: [RecordValue]) -> Value {
        (try? Aggregates.sum(statements.compactMap { $0["total"] })) ?? .number(.zero)
    }

    /// A table for the terminal: changed subjects with their lines, then both totals.
    public var table: String {
        var rows: [[String]] = changes.map { change in
            let lines = change.lines.map { line in
                "\(line.label) \(line.old.map(\.description) ?? "—") → \(line.new.map(\.description) ?? "—")"
            }.joined(separator: "; ")
            return [
                change.subject, change.oldTotal?.description ?? "—", change.newTotal?.description ?? "—",
                change.change.map(PlanDiff.signed) ?? "", lines,
            ]
        }
        rows.append([
            "TOTAL", oldTotal.description, newTotal.description, PlanDiff.signed(PlanDiff.difference(newTotal, oldTotal) ?? .number(.zero)), "",
        ])
        let header = "\(plan): \(changes.count) of \(subjectCount) subjects changed"
        return header + "\n"
            + TablePrinter.grid(
                header: ["subject", "old", "new", "change", "changed lines"], rows: rows,
                rightAligned: [false, true, true, true, false])
    }

    /// `+$24.00` or `-$12.00`.
    static func signed(_ value: Value) -> String {
        let text = value.description
        return text.hasPrefix("-") || value.decimal?.isZero == true ? text : "+" + text
    }

    public var json: String {
        func optional(_ value: Value?) -> String { value.map(JSONWriter.value) ?? "null" }
        let subjects = changes.map { change in
            "{\"subject\": \(JSONWriter.string(change.subject)), \"old\": \(optional(change.oldTotal)), \"new\": \(optional(change.newTotal)), "
                + "\"change\": \(optional(change.change)), \"lines\": ["
                + change.lines.map { "{\"label\": \(JSONWriter.string($0.label)), \"old\": \(optional($0.old)), \"new\": \(optional($0.new))}" }
                .joined(separator: ", ") + "]}"
        }
        return "{\"plan\": \(JSONWriter.string(plan)), \"old_total\": \(JSONWriter.value(oldTotal)), \"new_total\": \(JSONWriter.value(newTotal)), "
            + "\"changes\": [" + subjects.joined(separator: ", ") + "]}"
    }
}
