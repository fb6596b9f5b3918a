// How many rows of a run's data fall outside the campaign's `effective` window.

/// The rows of one input whose date (or timestamp) field lies outside the campaign's
/// `effective` window. A rule file that pays with `in_effect` still sees those rows; the host
/// says how many there are, so a run on data partly outside the contract never leaves them
/// out without a word.
public struct RowsOutsideWindow: Sendable, Equatable {
    public let input: String
    public let field: String
    public let outside: Int
    public let rows: Int
}

extension CompiledProgram {
    /// For each list input of records and each of its date or timestamp fields, the rows
    /// whose value falls outside the `effective` window (a timestamp counts on its date in
    /// the campaign's time zone, as `in_effect` takes it). Empty when the campaign has no
    /// window or the file never calls `in_effect`; fields with every row inside are left out.
    public func rowsOutsideEffectiveWindow(_ inputs: [String: Value]) -> [RowsOutsideWindow] {
        guard usesInEffect, let window = settings.effective else { return [] }
        var counts: [RowsOutsideWindow] = []
        for name in inputs.keys.sorted() {
            guard case .list(let rows)? = inputs[name], case .record(let first)? = rows.first else { continue }
            for field in first.shape.fieldNames {
                var outside = 0, dated = false
                for case .record(let row) in rows {
                    guard let day = day(of: row[field]) else { continue }
                    dated = true
                    if !window.contains(day) { outside += 1 }
                }
                if dated, outside > 0 { counts.append(RowsOutsideWindow(input: name, field: field, outside: outside, rows: rows.count)) }
            }
        }
        return counts
    }

    /// A date, or a timestamp's date in the campaign's zone, as `in_effect` takes it.
    private func day(of value: Value?) -> CalendarDate? {
        switch value {
        case .date(let day)?: day
        case .timestamp(let instant)?: try? settings.timezone.checkedDate(of: instant)
        default: nil
        }
    }
}
