// The runs of consecutive rows that agree on one field, as a streamed run splits its batches.

/// Where each run of rows with one value of a field starts, and that value's key, for the
/// rows of a batch in order. Keys compare as `group by` compares them (`ValueKey`).
struct KeyRuns {
    private var starts: [Int] = []
    private var values: [Value] = []
    private var keys: [ValueKey?] = []
    private let rowCount: Int

    init(_ rows: ValueList, field: String) {
        rowCount = rows.count
        if case .table(let table, nil) = rows.storage, let index = table.shape.fieldNames.firstIndex(of: field),
            case .codedTexts(let dictionary, let codes) = table.columns[index]
        {
            // Equal texts of one column have one code: a run ends where the code changes.
            var last: Int32 = -1
            for (row, code) in codes.enumerated() where code != last {
                let value = Value.text(dictionary.texts[Int(code)])
                append(row, value, ValueKey.hashable(value))
                last = code
            }
            return
        }
        for (row, item) in rows.enumerated() {
            let value = if case .record(let record) = item { record[field] ?? .missing } else { Value.missing }
            let key = ValueKey.hashable(value)
            if row == 0 || key != keys.last! { append(row, value, key) }
        }
    }

    private mutating func append(_ row: Int, _ value: Value, _ key: ValueKey?) {
        starts.append(row)
        values.append(value)
        keys.append(key)
    }

    var count: Int { starts.count }
    var isEmpty: Bool { starts.isEmpty }

    func start(_ run: Int) -> Int { starts[run] }
    func key(_ run: Int) -> ValueKey? { keys[run] }
    func value(_ run: Int) -> Value { values[run] }

    /// The positions of the run's rows.
    func rows(_ run: Int) -> Range<Int> {
        starts[run]..<(run + 1 < starts.count ? starts[run + 1] : rowCount)
    }

    /// The rows of several lists as one list, kept as a table when they are records of one shape.
    static func joined(_ parts: [ValueList]) -> ValueList {
        let items = parts.flatMap { Array($0) }
        guard case .record(let first)? = items.first, let table = RecordTable(records: items, shape: first.shape) else {
            return ValueList(items)
        }
        return ValueList(table)
    }
}
