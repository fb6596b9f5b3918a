// What differs between two values a failed `expect` compared: for lists and records, only the
// items and fields that differ, not both values whole.

enum ValueDifference {
    /// At most this many differences are named; the rest are counted.
    static let shownDifferences = 3

    /// `item 1: left is $4.01, right is $4.00` and the like, or nil when the values are not two
    /// lists or two records (then both values are shown whole, as they are short).
    static func describe(_ left: Value, _ right: Value) -> String? {
        var differences: [String] = []
        var more = 0
        switch (left, right) {
        case (.list, .list), (.record, .record):
            collect(left, right, at: "", into: &differences, more: &more)
        default:
            return nil
        }
        guard !differences.isEmpty else { return nil }
        return differences.joined(separator: "; ") + (more > 0 ? "; and \(more) more" : "")
    }

    /// Adds the differences of `left` and `right` found under `path` (`item 2`, `field total`).
    private static func collect(_ left: Value, _ right: Value, at path: String, into differences: inout [String], more: inout Int) {
        func add(_ text: String) {
            if differences.count < shownDifferences { differences.append(text) } else { more += 1 }
        }
        switch (left, right) {
        case (.list(let a), .list(let b)):
            if a.count != b.count { add("\(prefix(path))left has \(a.count) item\(a.count == 1 ? "" : "s"), right has \(b.count)") }
            for (index, (x, y)) in zip(a, b).enumerated() where !same(x, y) {
                collect(x, y, at: joined(path, "item \(index)"), into: &differences, more: &more)
            }
        case (.record(let a), .record(let b)):
            for (name, value) in zip(a.shape.fieldNames, a.values) {
                guard let other = b[name] else {
                    add("\(prefix(joined(path, "field `\(name)`")))only the left has it")
                    continue
                }
                if !same(value, other) { collect(value, other, at: joined(path, "field `\(name)`"), into: &differences, more: &more) }
            }
            for name in b.shape.fieldNames where a[name] == nil {
                add("\(prefix(joined(path, "field `\(name)`")))only the right has it")
            }
        default:
            add("\(prefix(path))left is \(left.briefDescription), right is \(right.briefDescription)")
        }
    }

    private static func same(_ a: Value, _ b: Value) -> Bool {
        (try? a.isEqual(to: b)) ?? false
    }

    private static func joined(_ path: String, _ step: String) -> String {
        path.isEmpty ? step : path + ", " + step
    }

    private static func prefix(_ path: String) -> String {
        path.isEmpty ? "" : path + ": "
    }
}
