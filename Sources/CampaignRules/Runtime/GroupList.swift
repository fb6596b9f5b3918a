// GroupList, the groups `group by` makes over loaded rows, stored by column.

/// The groups of a `group by` over rows of a loaded table: each group's key values, and its
/// items as a run of rows of the table the groups' rows were gathered into (each group's rows
/// together, in list order).
///
/// A group read as a value (`group(at:)`) is the record `{key…, items}` the general evaluator
/// would build; a hundred thousand groups keep no record, array or list per group until read.
final class GroupList: Sendable {
    let shape: RecordShape
    /// The key values by key field (in the shape's order), then by group.
    let keys: [[Value]]
    let table: RecordTable
    /// Where each group's rows start in `table`, and after the last, where they end.
    let starts: [Int32]

    init(shape: RecordShape, keys: [[Value]], table: RecordTable, starts: [Int32]) {
        self.shape = shape
        self.keys = keys
        self.table = table
        self.starts = starts
    }

    var count: Int { starts.count - 1 }

    /// How many items the group at `index` has.
    func itemCount(_ index: Int) -> Int { Int(starts[index + 1] - starts[index]) }

    func items(_ index: Int) -> ValueList {
        ValueList(table, rows: Array(starts[index]..<starts[index + 1]))
    }

    func group(at index: Int) -> Value {
        var values = keys.map { $0[index] }
        values.append(.list(items(index)))
        return .record(RecordValue(shape: shape, values: values))
    }
}
