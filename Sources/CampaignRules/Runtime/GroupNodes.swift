// Nodes for `group by` and `running`: one hashing pass over a list, and one summing pass.

import Foundation

/// Reads a field of each item straight from a table's column when an expression is just
/// `it.field`, so grouping and sorting a million loaded rows never builds a record per row.
struct ItemReader {
    let node: Node
    /// The field, when `node` is `it.field` for the loop's `it`.
    let field: String?

    init(_ node: Node, itSlot: Int) {
        self.node = node
        if let access = node as? FieldNode, let base = access.base as? LocalNode, base.slot == itSlot {
            field = access.name
        } else {
            field = nil
        }
    }

    /// The column to read over `table`'s rows, when the field is one of its columns.
    func column(in table: RecordTable) -> RecordTable.Column? {
        field.flatMap(table.shape.index).map { table.columns[$0] }
    }
}

extension ValueList {
    /// The table and rows of a list of loaded records, by position in the list.
    var tableRows: (table: RecordTable, rows: [Int32]?)? {
        if case .table(let table, let rows) = storage { return (table, rows) }
        return nil
    }
}

/// `xs group by KEY` or `xs group by a: KEY1, b: KEY2`: one record per distinct key, in the
/// order each key first appears, holding the key fields and `items` (in list order).
///
/// Keys are hashed as the language compares them (`ValueKey`: `$1.0` and `$1.00` are one
/// key), so grouping is one pass over the list whatever the number of groups.
final class GroupNode: Node {
    let source: Node
    let keys: [ItemReader]
    let shape: RecordShape
    let itSlot: Int
    let perItem: Int
    init(source: Node, keys: [Node], shape: RecordShape, itSlot: Int, perItem: Int, range: SourceRange) {
        self.source = source
        self.keys = keys.map { ItemReader($0, itSlot: itSlot) }
        self.shape = shape
        self.itSlot = itSlot
        self.perItem = perItem
        super.init(range: range)
    }

    override func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        let items = try source.list(machine)
        try machine.step(range, perItem * items.count)
        try machine.created(items.count * 8, at: range)
        if let coded = codedGroups(items) {
            return try groupRecords(items, (coded.ids, coded.keys.count), machine) { _ in [coded.keys] }
        }
        try machine.created(items.count * (Machine.valueBytes + 24) * keys.count, at: range)
        var hashed = [KeyColumn](repeating: KeyColumn(), count: keys.count)
        for (position, key) in keys.enumerated() {
            let values = try keyValues(key, of: items, machine)
            try hashed[position].add(values, at: key.node.range)
        }
        let groupOf = KeyColumn.groups(hashed, count: items.count)
        return try groupRecords(items, groupOf, machine) { first in hashed.map { key in first.map { key.values[$0] } } }
    }

    /// Groups by one coded text column (see `TextDictionary`): each row's code already names
    /// its text, so a code's group is found in an array, with no text hashed or compared.
    private func codedGroups(_ items: ValueList) -> (ids: [Int32], keys: [Value])? {
        guard keys.count == 1, let (table, rows) = items.tableRows, let column = keys[0].column(in: table),
            case .codedTexts(let dictionary, let codes) = column
        else { return nil }
        var groupOfCode = [Int32](repeating: -1, count: dictionary.texts.count)
        var ids: [Int32] = []
        ids.reserveCapacity(items.count)
        var keyValues: [Value] = []
        for position in 0..<items.count {
            let code = Int(codes[rows.map { Int($0[position]) } ?? position])
            if groupOfCode[code] < 0 {
                groupOfCode[code] = Int32(keyValues.count)
                keyValues.append(.text(dictionary.texts[code]))
            }
            ids.append(groupOfCode[code])
        }
        return (ids, keyValues)
    }

    /// The key's value for every item: read from the column when it can be.
    private func keyValues(_ key: ItemReader, of items: ValueList, _ machine: Machine) throws(RuntimeError) -> [Value] {
        if let (table, rows) = items.tableRows, let column = key.column(in: table) {
            if let rows { return rows.map { column.value(at: Int($0)) } }
            return (0..<table.count).map { column.value(at: $0) }
        }
        var values: [Value] = []
        values.reserveCapacity(items.count)
        for item in items {
            machine.setLocal(itSlot, item)
            values.append(try key.node.evaluate(machine))
        }
        return values
    }

    /// The group records: each key's first value, then the items of that key in list order.
    /// `keyColumns` gives each key field's value for every group, from the position where
    /// each group first appears.
    ///
    /// Rows of a loaded table are copied into a table of their own in group order, so each
    /// group's rows lie together: what follows reads a group's rows one after another instead
    /// of from all over the source table (a cache miss each, which dominated). Those groups are
    /// kept by column (`GroupList`), made into records only when read.
    private func groupRecords(
        _ items: ValueList, _ groupOf: (ids: [Int32], count: Int), _ machine: Machine,
        keyColumns: (_ firstPositions: [Int]) -> [[Value]]
    ) throws(RuntimeError) -> Value {
        try machine.created(groupOf.count * Machine.recordBytes(fields: shape.fieldNames.count), at: range)
        // Counting sort of the positions by group: starts[g] ..< starts[g + 1] are group g's.
        var starts = [Int](repeating: 0, count: groupOf.count + 1)
        var first = [Int](repeating: -1, count: groupOf.count)
        for (position, group) in groupOf.ids.enumerated() {
            starts[Int(group) + 1] += 1
            if first[Int(group)] < 0 { first[Int(group)] = position }
        }
        for index in 0..<groupOf.count { starts[index + 1] += starts[index] }
        var next = starts
        var ordered = [Int32](repeating: 0, count: groupOf.ids.count)
        for (position, group) in groupOf.ids.enumerated() {
            ordered[next[Int(group)]] = Int32(position)
            next[Int(group)] += 1
        }
        if let (table, rows) = items.tableRows {
            try machine.created(items.count * 8 * table.columns.count, at: range)
            let sourceRows = rows.map { rows in ordered.map { rows[Int($0)] } } ?? ordered
            let gathered = RecordTable(shape: table.shape, count: ordered.count, columns: gathering(table.columns, sourceRows, machine))
            return .list(ValueList(GroupList(shape: shape, keys: keyColumns(first), table: gathered, starts: starts.map { Int32($0) })))
        }
        let keys = keyColumns(first)
        var groups: [Value] = []
        groups.reserveCapacity(groupOf.count)
        for index in 0..<groupOf.count {
            var values = keys.map { $0[index] }
            values.append(.list(ValueList(ordered[starts[index]..<starts[index + 1]].map { items[Int($0)] })))
            groups.append(.record(RecordValue(shape: shape, values: values)))
        }
        return .list(groups)
    }
}

/// The columns' values at `rows`: the columns shared among threads where the host allows
/// threads and the rows are many (each column is read and written by one thread only).
private func gathering(_ columns: [RecordTable.Column], _ rows: [Int32], _ machine: Machine) -> [RecordTable.Column] {
    let threads = min(machine.limits.maximumThreads, columns.count)
    guard threads > 1, rows.count >= 2 * Machine.minimumItemsPerThread else { return columns.map { $0.gathering(rows) } }
    // The costliest columns first, each to the thread with the least to do so far: a column
    // of strings or of values takes several times one of integers, and dealt round the
    // threads in order they left one thread gathering alone for most of the time.
    var shares = Array(repeating: (cost: 0, columns: [Int]()), count: threads)
    for index in columns.indices.sorted(by: { columns[$0].gatheringCost > columns[$1].gatheringCost }) {
        let least = shares.indices.min { shares[$0].cost < shares[$1].cost }!
        shares[least].cost += columns[index].gatheringCost
        shares[least].columns.append(index)
    }
    let parts = DeepStack.runAll(shares.map { share in { share.columns.map { (index: $0, column: columns[$0].gathering(rows)) } } })
    return parts.flatMap { $0 }.sorted { $0.index < $1.index }.map(\.column)
}

extension RecordTable.Column {
    /// Roughly how long gathering the column takes beside a column of integers.
    fileprivate var gatheringCost: Int {
        switch self {
        case .texts, .values: 4
        case .amounts, .moneys: 2
        case .codedTexts, .timestamps, .dates, .bools, .enumValues: 1
        case .constant: 0
        }
    }
}

/// One key of a `group by`, for every item: its values and their hash keys.
struct KeyColumn {
    var values: [Value] = []
    var hashKeys: [ValueKey] = []
    private var comparison: ValueKey.Comparison?

    /// Records the values, which must all be of one kind of comparison (the unit-free zero
    /// joins money, as it equals zero of any currency).
    mutating func add(_ values: [Value], at range: SourceRange) throws(RuntimeError) {
        self.values = values
        hashKeys.reserveCapacity(values.count)
        var firstOfKind: Value?
        for value in values {
            guard let (key, kind) = ValueKey.key(for: value) else {
                throw RuntimeError(
                    .typeMismatch, at: range, "a group's key must be a single value such as text, a number or a date, found \(value.kindName)",
                    fix: "group by its fields, as in `group by a: it.a, b: it.b`")
            }
            if comparison == nil {
                comparison = kind
                firstOfKind = value
            } else if comparison != kind {
                throw RuntimeError(
                    .notComparable, at: range,
                    "the keys are of two kinds that never compare equal: \(firstOfKind?.description ?? "") and \(value)",
                    fix: "group by values of one kind")
            }
            hashKeys.append(key)
        }
    }

    /// Each item's group, numbered in order of first appearance, and the number of groups.
    static func groups(_ columns: [KeyColumn], count: Int) -> (ids: [Int32], count: Int) {
        var ids: [Int32] = []
        ids.reserveCapacity(count)
        if columns.count == 1 {
            var index: [ValueKey: Int32] = [:]
            for key in columns[0].hashKeys {
                if let known = index[key] {
                    ids.append(known)
                } else {
                    let next = Int32(index.count)
                    index[key] = next
                    ids.append(next)
                }
            }
            return (ids, index.count)
        }
        var index: [[ValueKey]: Int32] = [:]
        for position in 0..<count {
            let key = columns.map { $0.hashKeys[position] }
            if let known = index[key] {
                ids.append(known)
            } else {
                let next = Int32(index.count)
                index[key] = next
                ids.append(next)
            }
        }
        return (ids, index.count)
    }
}

/// `xs running NAME: VALUE`: each item, a record, with one more field, the sum of VALUE over
/// the items up to and including it.
final class RunningNode: Node {
    let source: Node
    let value: Node
    let name: String
    let itSlot: Int
    let perItem: Int
    private let shapes = ShapeExtensions()

    init(source: Node, value: Node, name: String, itSlot: Int, perItem: Int, range: SourceRange) {
        self.source = source
        self.value = value
        self.name = name
        self.itSlot = itSlot
        self.perItem = perItem
        if let select = source as? SelectNode, let record = select.projection as? RecordNode,
            let read = value as? FieldNode, let it = read.base as? LocalNode, it.slot == itSlot,
            let field = record.shape.index(of: read.name), record.shape.index(of: name) == nil
        {
            fusedField = (select, record, field)
        } else {
            fusedField = nil
        }
        super.init(range: range)
    }

    /// For `xs select {…} running NAME: it.FIELD`, the field's place in the selected record:
    /// the two clauses then make one record per item instead of two (see `fusedEvaluate`).
    private let fusedField: (select: SelectNode, record: RecordNode, field: Int)?

    override func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        if let fused = fusedField, machine.recorder == nil, let result = try fusedEvaluate(fused, machine) { return result }
        let items = try source.list(machine)
        return try running(over: items, machine)
    }

    /// `select {…}` then `running` in one: the select's loop makes each record's values (with
    /// room for one more) and counts its steps and memory as the select would; the running
    /// loop then appends each sum, as it would, to those values rather than to a copy of a
    /// record. Same order of work, steps and errors as the two clauses apart. Nil (nothing
    /// done) when the select would run as a kernel or on several threads.
    private func fusedEvaluate(_ fused: (select: SelectNode, record: RecordNode, field: Int), _ machine: Machine) throws(RuntimeError) -> Value? {
        let (select, record, field) = fused
        let items = try select.source.list(machine)
        guard items.count < 2 * Machine.minimumItemsPerThread || machine.limits.maximumThreads < 2 else { return nil }
        if case .table(let table, _) = items.storage, machine.kernel(select.kernelSource, for: select, over: table, rows: items.count) != nil {
            return nil
        }
        try machine.created(Machine.listBytes(items.count), at: select.range)
        var rows: [[Value]] = []
        rows.reserveCapacity(items.count)
        for item in items {
            try machine.step(select.range, select.perItem)
            machine.setLocal(select.itSlot, item)
            try machine.created(Machine.recordBytes(fields: record.fields.count), at: record.range)
            var values: [Value] = []
            values.reserveCapacity(record.fields.count + 1)
            for node in record.fields { values.append(try node.evaluate(machine)) }
            rows.append(values)
        }
        try machine.created(items.count * Machine.recordBytes(fields: 8), at: range)
        let shape = try extended(record.shape)
        var total: Value?
        var results: [Value] = []
        results.reserveCapacity(rows.count)
        for index in rows.indices {
            try machine.step(range, perItem)
            let amount = rows[index][field]
            let sum = try sum(total, amount)
            total = sum
            rows[index].append(sum)
            results.append(.record(RecordValue(shape: shape, values: rows[index])))
        }
        return .list(results)
    }

    /// The running total after `amount`.
    private func sum(_ total: Value?, _ amount: Value) throws(RuntimeError) -> Value {
        guard Quantity(amount) != nil else {
            throw RuntimeError(.typeMismatch, at: value.range, "`running` sums numbers, percents or money, found \(amount.kindName) \(amount)")
        }
        return try total.map { (so: Value) throws(RuntimeError) -> Value in try located(range) { () throws(ValueError) in try so.adding(amount) } }
            ?? amount
    }

    private func running(over items: ValueList, _ machine: Machine) throws(RuntimeError) -> Value {
        try machine.created(items.count * Machine.recordBytes(fields: 8), at: range)
        var total: Value?
        var results: [Value] = []
        results.reserveCapacity(items.count)
        // The items of a list share a shape, so the extended shape is looked up once, not per item.
        var lastShape: (source: RecordShape, extended: RecordShape)?
        for item in items {
            try machine.step(range, perItem)
            guard case .record(let record) = item else {
                throw RuntimeError(
                    .notARecord, at: range, "`running` adds a field to each item, so the items must be records, found \(item.kindName) \(item)")
            }
            machine.setLocal(itSlot, item)
            let sum = try sum(total, try value.evaluate(machine))
            total = sum
            let shape: RecordShape
            if let lastShape, lastShape.source === record.shape {
                shape = lastShape.extended
            } else {
                shape = try extended(record.shape)
                lastShape = (record.shape, shape)
            }
            var values = record.values
            values.reserveCapacity(values.count + 1)
            values.append(sum)
            results.append(.record(RecordValue(shape: shape, values: values)))
        }
        return .list(results)
    }

    private func extended(_ shape: RecordShape) throws(RuntimeError) -> RecordShape {
        guard shape.index(of: name) == nil else {
            throw RuntimeError(
                .duplicateDeclaration, at: range, "the items already have a field `\(name)`",
                fix: "name the running total otherwise, as in `running \(name)_so_far: ...`")
        }
        return shapes.extending(shape, with: name)
    }
}

/// The shapes `running` makes, one per shape of its items, shared by every evaluation (and
/// thread) so that records of one list keep one shape and field lookups stay cached.
final class ShapeExtensions: @unchecked Sendable {
    private let lock = NSLock()
    private var made: [ObjectIdentifier: (source: RecordShape, extended: RecordShape)] = [:]

    func extending(_ shape: RecordShape, with field: String) -> RecordShape {
        lock.lock()
        defer { lock.unlock() }
        if let known = made[ObjectIdentifier(shape)], known.source === shape { return known.extended }
        let extended = RecordShape(name: nil, fieldNames: shape.fieldNames + [field])
        made[ObjectIdentifier(shape)] = (shape, extended)
        return extended
    }
}
