// Aggregates over lists: sum, avg, min, max, median, percentile, distinct, rank, clamp.

enum Aggregates {
    static func list(_ value: Value, for function: Builtin) throws(ValueError) -> [Value] {
        try items(value, for: function).array
    }

    /// The list as it is stored, for aggregates that need not read every item as a value.
    static func items(_ value: Value, for function: Builtin) throws(ValueError) -> ValueList {
        guard case .list(let items) = value else {
            throw ValueError(.notAList, "\(function.rawValue) needs a list, found \(value.kindName)", fix: "call it as \(function.usage)")
        }
        return items
    }

    static func nonEmptyList(_ value: Value, for function: Builtin) throws(ValueError) -> [Value] {
        let items = try list(value, for: function)
        guard !items.isEmpty else {
            throw ValueError(
                .emptyAggregate, "\(function.rawValue) of an empty list has no value",
                fix: "check `count(xs) > 0` first, or give a default with `if`")
        }
        return items
    }

    static func truth(_ value: Value, for function: Builtin) throws(ValueError) -> Bool {
        guard case .bool(let flag) = value else {
            throw ValueError(.typeMismatch, "\(function.rawValue) needs a list of true/false values, found \(value.kindName)")
        }
        return flag
    }

    /// The sum of an empty list is the unit-free zero, so `sum([]) == 0` and `$5 + sum([])` both hold.
    static func sum(_ items: ValueList) throws(ValueError) -> Value {
        if case .amounts(let amounts) = items.storage, let total = amounts.values.exactSum() {
            return Quantity(total, amounts.unit).value
        }
        return try sum(items.array)
    }

    static func sum(_ items: [Value]) throws(ValueError) -> Value {
        guard var total = items.first else { return .number(.zero) }
        for item in items.dropFirst() { total = try total.adding(item) }
        return total
    }

    static func average(_ items: [Value]) throws(ValueError) -> Value {
        try sum(items).divided(by: .number(DecimalNumber(items.count)))
    }

    static func extreme(_ items: [Value], largest: Bool) throws(ValueError) -> Value {
        var best = items[0]
        for item in items.dropFirst() {
            let order = try item.compare(to: best)
            if largest ? order > 0 : order < 0 { best = item }
        }
        return best
    }

    /// A stable sort by `compare`; a pair that cannot be compared is an error, not an arbitrary order.
    static func sorted(_ items: [Value]) throws(ValueError) -> [Value] {
        try sortedIndices(items.count) { (a: Int, b: Int) throws(ValueError) in try items[a].compare(to: items[b]) }.map { items[$0] }
    }

    /// Merge sort over indices: stable, and it lets the comparison throw.
    static func sortedIndices(_ count: Int, by compare: (Int, Int) throws(ValueError) -> Int) throws(ValueError) -> [Int] {
        var indices = Array(0..<count)
        var buffer = indices
        var width = 1
        while width < count {
            var start = 0
            while start < count {
                let middle = Swift.min(start + width, count), end = Swift.min(start + 2 * width, count)
                var left = start, right = middle, out = start
                while left < middle && right < end {
                    if try compare(indices[right], indices[left]) < 0 {
                        buffer[out] = indices[right]
                        right += 1
                    } else {
                        buffer[out] = indices[left]
                        left += 1
                    }
                    out += 1
                }
                while left < middle {
                    buffer[out] = indices[left]
                    left += 1
                    out += 1
                }
                while right < end {
                    buffer[out] = indices[right]
                    right += 1
                    out += 1
                }
                start += 2 * width
            }
            swap(&indices, &buffer)
            width *= 2
        }
        return indices
    }

    static func median(_ items: [Value]) throws(ValueError) -> Value {
        let ordered = try sorted(items)
        let middle = ordered.count / 2
        if ordered.count % 2 == 1 { return ordered[middle] }
        return try ordered[middle - 1].adding(ordered[middle]).divided(by: .number(DecimalNumber(2)))
    }

    /// Linear interpolation between closest ranks (the "inclusive" definition spreadsheets use).
    static func percentile(_ items: [Value], _ fraction: Value) throws(ValueError) -> Value {
        let p: DecimalNumber? =
            switch fraction {
            case .number(let value), .percent(let value): value
            default: nil
            }
        guard let p, p.compare(.zero) >= 0, p.compare(.one) <= 0 else {
            throw ValueError(
                .invalidArgument, "percentile needs p between 0% and 100%, found \(fraction)",
                fix: "write the percentile as a percent, such as `percentile(xs, 90%)`")
        }
        let ordered = try sorted(items)
        let position = try DecimalNumber.checked { () throws(DecimalNumber.ArithmeticError) in
            try p.multiplied(by: DecimalNumber(ordered.count - 1), context: languageContext)
        }
        let lowerIndex = position.integerPart
        let weight = try DecimalNumber.checked { () throws(DecimalNumber.ArithmeticError) in
            try position.subtracting(DecimalNumber(lowerIndex), context: languageContext)
        }
        let lower = ordered[lowerIndex]
        guard lowerIndex + 1 < ordered.count, !weight.isZero else { return lower }
        let gap = try ordered[lowerIndex + 1].subtracting(lower)
        return try lower.adding(gap.multiplied(by: .number(weight)))
    }

    /// Keeps the first of equal values, in list order.
    /// The items without repeats, in order of first appearance: by hashing when the items have
    /// keys (see `ValueKey`), otherwise by comparing each with those kept, which reports a
    /// pair that does not compare.
    static func distinct(_ list: ValueList) throws(ValueError) -> [Value] {
        if let keys = ValueKey.keys(for: list) {
            var seen = Set<ValueKey>()
            var kept: [Value] = []
            for (item, key) in zip(list, keys) where seen.insert(key).inserted { kept.append(item) }
            return kept
        }
        let items = list.array
        var kept: [Value] = []
        for item in items {
            var seen = false
            for earlier in kept where try earlier.isEqual(to: item) {
                seen = true
                break
            }
            if !seen { kept.append(item) }
        }
        return kept
    }

    /// 1-based rank in descending order; ties share a rank (1, 2, 2, 4).
    static func rank(_ value: Value, in values: [Value]) throws(ValueError) -> Value {
        var higher = 0
        for other in values where try other.compare(to: value) > 0 { higher += 1 }
        return .number(DecimalNumber(higher + 1))
    }

    static func clamp(_ value: Value, _ low: Value, _ high: Value) throws(ValueError) -> Value {
        guard try low.compare(to: high) <= 0 else {
            throw ValueError(.invalidArgument, "clamp's low bound \(low) is above its high bound \(high)")
        }
        if try value.compare(to: low) < 0 { return low }
        if try value.compare(to: high) > 0 { return high }
        return value
    }
}
