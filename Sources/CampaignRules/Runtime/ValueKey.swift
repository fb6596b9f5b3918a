// Values as hash keys that agree with the language's equality, so finding equal values is linear.

/// A plain value as a dictionary key: two keys are equal exactly when `Value.isEqual` says
/// the values are (`1.0` and `1.00`, `25%` and `0.25`, `$0` and `0`), so `distinct` and
/// grouping hash each item once instead of comparing it with every other.
///
/// Only values of one *kind of comparison* may share a table of keys: numbers and percents,
/// money of one currency (with the unit-free zero), text, dates, booleans, symbols of one
/// family. Values of two kinds that do not compare (`5` and `"5"`, `$5` and `5`) are an error
/// for `isEqual`, and `ValueKey.keys` returns nil for such a list so the caller takes the
/// pairwise path that reports it. Lists, records and tier tables have no key either.
enum ValueKey: Hashable {
    case amount(DecimalNumber)
    case text(ScalarText)
    case date(CalendarDate)
    case bool(Bool)
    case symbol(Symbol)
    case timestamp(Timestamp)
    case enumValue(Int)
    /// The keys of a record's fields, in order.
    case tuple([ValueKey])

    /// Which values compare with which: keys are only meaningful within one.
    enum Comparison: Equatable {
        case numeric
        case money(Currency)
        case text, date, bool, timestamp
        case symbol(Symbol.Family)
        case enumeration(EnumType)
    }

    /// The keys of `items` in order, or nil when the items are not all of one kind of
    /// comparison or include a list, a record or a tier table.
    static func keys(for items: ValueList) -> [ValueKey]? {
        var keys: [ValueKey] = []
        keys.reserveCapacity(items.count)
        var comparison: Comparison?
        var zeros = false
        for item in items {
            guard let (key, kind) = key(for: item) else { return nil }
            // The unit-free zero equals zero money of any currency, so it joins either kind.
            if kind == .numeric, case .amount(let amount) = key, amount.isZero {
                zeros = true
            } else if comparison == nil {
                comparison = kind
            } else if comparison != kind {
                return nil
            }
            keys.append(key)
        }
        switch comparison {
        case nil, .numeric?, .money?: break
        default: if zeros { return nil }
        }
        return keys
    }

    /// A key for any value a statement may be keyed by: a plain value, or a record of them
    /// (a group's named keys); nil for lists and other records.
    static func hashable(_ value: Value) -> ValueKey? {
        if case .record(let record) = value {
            var parts: [ValueKey] = []
            for field in record.values {
                guard let (part, _) = key(for: field) else { return nil }
                parts.append(part)
            }
            return .tuple(parts)
        }
        return key(for: value)?.0
    }

    static func key(for value: Value) -> (ValueKey, Comparison)? {
        switch value {
        case .number(let number), .percent(let number): (.amount(number), .numeric)
        case .money(let amount, let currency): (.amount(amount), .money(currency))
        case .text(let text): (.text(ScalarText(text)), .text)
        case .date(let date): (.date(date), .date)
        case .bool(let flag): (.bool(flag), .bool)
        case .symbol(let symbol): (.symbol(symbol), .symbol(symbol.family))
        case .timestamp(let instant): (.timestamp(instant), .timestamp)
        case .enumValue(let value): (.enumValue(value.position), .enumeration(value.type))
        case .list, .record, .tierTable, .missing: nil
        }
    }
}

/// Text compared and hashed by its Unicode scalars, as the language compares text (Swift's
/// own `String` equality would call a precomposed `é` equal to `e` and a combining accent).
struct ScalarText: Hashable {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    static func == (lhs: ScalarText, rhs: ScalarText) -> Bool {
        lhs.text.utf8.elementsEqual(rhs.text.utf8)
    }

    func hash(into hasher: inout Hasher) {
        var text = self.text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
