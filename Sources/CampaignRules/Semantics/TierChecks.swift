// Static checks of tier tables: brackets in order, with no gaps and no overlaps.

/// Checks a tier table whose bounds are constants (they almost always are): every amount
/// from the first bound to the last must fall in exactly one bracket.
enum TierChecks {
    static func check(_ table: BoundTierTable, table syntax: TierTable, resolver: Resolver) {
        guard !table.brackets.isEmpty else {
            resolver.report(
                .tierEmpty, syntax.name.range, "the tier table `\(table.name)` has no brackets",
                fix: "add brackets such as `..< $1_000: 5%` and `$1_000 ...: 8%`")
            return
        }
        let last = table.brackets.count - 1
        for (position, bracket) in table.brackets.enumerated() {
            if bracket.low == nil && position != 0 {
                resolver.report(
                    .tierOrder, bracket.range, "only the first bracket may be open below (`..< high`)",
                    fix: "give this bracket a lower bound: `low ..< high`")
            }
            if bracket.high == nil && position != last {
                resolver.report(
                    .tierOverlap, bracket.range, "only the last bracket may be open above (`low ...`); this one overlaps every bracket after it",
                    fix: "give this bracket an upper bound: `low ..< high`")
            }
            if let low = bound(bracket.low), let high = bound(bracket.high), compare(low, high, bracket.range, resolver) ?? -1 >= 0 {
                resolver.report(
                    .tierOrder, bracket.range, "the bracket \(describe(bracket, resolver)) is empty: its lower bound is not below its upper bound")
            }
        }
        for position in table.brackets.indices.dropLast() {
            checkJoin(table.brackets[position], table.brackets[position + 1], resolver: resolver)
        }
    }

    private static func checkJoin(_ first: BoundTierTable.Bracket, _ second: BoundTierTable.Bracket, resolver: Resolver) {
        guard let end = bound(first.high), let start = bound(second.low) else { return }
        if let firstStart = bound(first.low), let order = compare(start, firstStart, second.range, resolver), order < 0 {
            resolver.report(
                .tierOrder, second.range, "the bracket \(describe(second, resolver)) is out of order: brackets must go from low to high",
                notes: [.init(message: "it comes after \(describe(first, resolver))", range: first.range)])
            return
        }
        guard let order = compare(end, start, second.range, resolver) else { return }
        if order < 0 {
            resolver.report(
                .tierGap, second.range,
                "gap between the brackets \(describe(first, resolver)) and \(describe(second, resolver)): amounts from \(end) up to \(start) match no bracket",
                fix: "start this bracket at \(end.literalDescription)",
                notes: [.init(message: "the bracket before it ends at \(end)", range: first.range)])
        } else if order > 0 {
            resolver.report(
                .tierOverlap, second.range,
                "the brackets \(describe(first, resolver)) and \(describe(second, resolver)) overlap: amounts from \(start) up to \(end) match both",
                fix: "start this bracket at \(end.literalDescription)",
                notes: [.init(message: "the bracket before it ends at \(end)", range: first.range)])
        }
    }

    private static func bound(_ expression: BoundExpression?) -> Value? {
        guard let expression, case .constant(let value) = expression.kind else { return nil }
        return value
    }

    private static func compare(_ a: Value, _ b: Value, _ range: SourceRange, _ resolver: Resolver) -> Int? {
        do throws(ValueError) {
            return try a.compare(to: b)
        } catch {
            resolver.report(error.kind, range, "bracket bounds must be of one kind: \(error.message)")
            return nil
        }
    }

    private static func describe(_ bracket: BoundTierTable.Bracket, _ resolver: Resolver) -> String {
        let low = bracket.low.map { resolver.source.text(in: $0.range) + " " } ?? ""
        let high = bracket.high.map { " " + resolver.source.text(in: $0.range) } ?? ""
        return "`\(low)\(bracket.high == nil ? "..." : "..<")\(high)`"
    }
}
