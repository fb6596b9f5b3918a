// Nodes for query clauses: where, sort by, take and select, each binding `it` per element.

final class WhereNode: Node {
    let source: Node
    let predicate: Node
    let itSlot: Int
    let kernelSource: KernelSource?
    /// The steps each item counts.
    let perItem: Int
    /// `it.FIELD op CONSTANT` (or `CONSTANT op it.FIELD`): a predicate a list that keeps its
    /// items' field as a column can decide from the column.
    struct FieldTest {
        let field: String
        let op: ComparisonOperator
        let constant: Value
        let constantFirst: Bool
        let range: SourceRange

        func holds(_ value: Value) throws(RuntimeError) -> Bool {
            constantFirst ? try ComparisonNode.holds(op, constant, value, range) : try ComparisonNode.holds(op, value, constant, range)
        }
    }

    private let fieldTest: FieldTest?

    init(source: Node, predicate: Node, itSlot: Int, kernelSource: KernelSource, range: SourceRange) {
        self.source = source
        self.predicate = predicate
        self.itSlot = itSlot
        self.kernelSource = kernelSource
        self.perItem = kernelSource.perItem
        fieldTest = WhereNode.fieldTest(predicate, itSlot: itSlot)
        super.init(range: range)
    }

    private static func fieldTest(_ predicate: Node, itSlot: Int) -> FieldTest? {
        guard let comparison = predicate as? ComparisonNode else { return nil }
        func field(_ node: Node) -> String? {
            guard let access = node as? FieldNode, let base = access.base as? LocalNode, base.slot == itSlot else { return nil }
            return access.name
        }
        if let name = field(comparison.left), let constant = comparison.right as? ConstantNode {
            return FieldTest(field: name, op: comparison.op, constant: constant.value, constantFirst: false, range: comparison.range)
        }
        if let name = field(comparison.right), let constant = comparison.left as? ConstantNode {
            return FieldTest(field: name, op: comparison.op, constant: constant.value, constantFirst: true, range: comparison.range)
        }
        return nil
    }

    override func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        let items = try source.list(machine)
        if case .table(let table, let rows) = items.storage,
            let kernel = machine.kernel(kernelSource, for: self, over: table, rows: items.count), case .truth(let test) = kernel.result
        {
            return .list(ValueList(table, rows: try keptRows(of: table, rows, kernel, test, machine)))
        }
        if let (table, rows) = items.tableRows {
            // The rows kept, still rows of the table, so later clauses read its columns.
            var kept: [Int32] = []
            for position in 0..<items.count {
                try machine.step(range, perItem)
                let row = rows.map { Int($0[position]) } ?? position
                machine.setLocal(itSlot, .record(table.record(at: row)))
                if try predicate.condition(machine) { kept.append(Int32(row)) }
            }
            try machine.created(kept.count * MemoryLayout<Int32>.stride, at: range)
            return .list(ValueList(table, rows: kept))
        }
        if let test = fieldTest, machine.recorder == nil {
            if case .lines(let lines) = items.storage, test.field == "label", test.op == .equal || test.op == .notEqual,
                case .text(let text) = test.constant
            {
                return .list(try kept(lines, labelEquals: text, negated: test.op == .notEqual, machine))
            }
            if let column = items.projected(test.field) { return .list(try kept(items, column, test, machine)) }
        }
        var kept: [Value] = []
        for item in items {
            try machine.step(range, perItem)
            machine.setLocal(itSlot, item)
            if try predicate.condition(machine) { kept.append(item) }
        }
        try machine.created(Machine.listBytes(kept.count), at: range)
        return .list(kept)
    }

    /// The items whose field, read from the list's column of it (a statement's lines, a plan's
    /// statements), compares with the constant as the predicate says: no record is made for an
    /// item left out, so `it.lines where it.label == "Cap"` over a million lines makes none.
    private func kept(_ items: ValueList, _ column: ValueList, _ test: FieldTest, _ machine: Machine) throws(RuntimeError) -> ValueList {
        var kept: [Int32] = []
        for position in 0..<items.count {
            try machine.step(range, perItem)
            if try test.holds(column[position]) { kept.append(Int32(position)) }
        }
        try machine.created(Machine.listBytes(kept.count), at: range)
        // A plan's statements stay by column; others are the kept items themselves.
        if case .itemized(let statements) = items.storage { return ValueList(statements.selecting(kept)) }
        return ValueList(kept.map { items[Int($0)] })
    }

    /// A statement's lines whose label equals `text` (or, negated, does not): decided once per
    /// kind of line where the kind's labels are one text or cannot be `text` (see
    /// `LineColumns.labelEquals`), so `it.lines where it.label == "Cap"` makes no label of an
    /// itemized line.
    private func kept(_ lines: StatementLines, labelEquals text: String, negated: Bool, _ machine: Machine) throws(RuntimeError) -> ValueList {
        var kept: [Value] = []
        // A statement's lines are of a few kinds: a list searched in turn beats hashing.
        var decided: [(kind: UInt32, equal: Bool)] = []
        for index in 0..<lines.count {
            try machine.step(range, perItem)
            let kind = lines.kind(at: index)
            let equal: Bool
            if let known = decided.first(where: { $0.kind == kind }) {
                equal = known.equal
            } else if let known = lines.labelEquals(text, forEveryLineOfKindAt: index) {
                decided.append((kind, known))
                equal = known
            } else {
                equal = Value.compareScalars(lines.label(at: index), text) == 0
            }
            if equal != negated { kept.append(lines[index]) }
        }
        try machine.created(Machine.listBytes(kept.count), at: range)
        return ValueList(kept)
    }

    /// The rows the predicate keeps, by the kernel where it can decide.
    private func keptRows(
        of table: RecordTable, _ rows: [Int32]?, _ kernel: RowKernel, _ test: TruthCode,
        _ machine: Machine
    ) throws(RuntimeError) -> [Int32] {
        let parts = try machine.inChunks(rows?.count ?? table.count, at: range) { (machine, positions) throws(RuntimeError) -> [Int32] in
            var kept: [Int32] = []
            try machine.eachRow(
                of: table, rows, at: positions, kernel: kernel, rowSlot: self.itSlot, stepAt: self.range,
                units: self.perItem
            ) { (frame) throws(Deopt) in
                if try test.decide(frame) { kept.append(Int32(frame.row)) }
            } general: { (row) throws(RuntimeError) in
                if try self.predicate.condition(machine) { kept.append(Int32(row)) }
            }
            try machine.created(kept.count * MemoryLayout<Int32>.stride, at: self.range)
            return kept
        }
        return parts.count == 1 ? parts[0] : parts.flatMap { $0 }
    }
}

final class SelectNode: Node {
    let source: Node
    let projection: Node
    let itSlot: Int
    let kernelSource: KernelSource?
    /// The steps each item counts.
    let perItem: Int
    init(source: Node, projection: Node, itSlot: Int, kernelSource: KernelSource, range: SourceRange) {
        self.source = source
        self.projection = projection
        self.itSlot = itSlot
        self.kernelSource = kernelSource
        self.perItem = kernelSource.perItem
        if let access = projection as? FieldNode, let base = access.base as? LocalNode, base.slot == itSlot {
            projectedField = access.name
        } else {
            projectedField = nil
        }
        var unread: ItemizedStatements.OmittedFields = []
        for (field, omitted) in [("subject", ItemizedStatements.OmittedFields.subject), ("carried", .carried)]
        where kernelSource.bodies.allSatisfy({ $0.0.readsLocal(itSlot, onlyWithout: field) }) {
            unread.insert(omitted)
        }
        unreadStatementFields = unread
        super.init(range: range)
    }

    /// The field, when the projection is `it.FIELD`.
    private let projectedField: String?
    /// The fields of a plan's statements the projection never reads, left out of them.
    private let unreadStatementFields: ItemizedStatements.OmittedFields

    override func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        .list(try project(source.list(machine), machine))
    }

    /// `sum(items select VALUE)`: when the row kernel computes every row's value as an amount
    /// and they share one exponent, each thread adds its rows' coefficients a block at a time
    /// and no list of the values is kept (a million rows would hold a few MB of them). The
    /// total is the one `sum` gives the list: the coefficients' exact sum while their
    /// magnitudes add up to fewer than the context's digits, as `DecimalColumn.exactSum` has
    /// it. Nil when the rows are not a table's, have no kernel, or give other values: then
    /// the attempt stops at the first such row, the steps and memory it counted are given
    /// back, and the list is built and summed as any list is, with the same errors and limits.
    func exactSumOfProjection(_ machine: Machine) throws(RuntimeError) -> Value? {
        let items = try source.list(machine)
        guard items.count > 0, case .table(let table, let rows) = items.storage,
            let kernel = machine.kernel(kernelSource, for: self, over: table, rows: items.count),
            case .amount(let code, let unit) = kernel.result
        else { return nil }
        let (stepsBefore, memoryBefore) = (machine.steps, machine.memory)
        let declined = RuntimeError(.cancelled, at: range, SelectNode.declinedMessage)
        var total = CoefficientSum()
        do throws(RuntimeError) {
            let parts = try machine.inChunks(items.count, at: range) { (machine, positions) throws(RuntimeError) -> CoefficientSum in
                var sum = CoefficientSum()
                try machine.eachRow(
                    of: table, rows, at: positions, kernel: kernel, rowSlot: self.itSlot, stepAt: self.range,
                    units: self.perItem
                ) { (frame) throws(Deopt) in
                    if let small = frame.small({ () throws(Deopt) in try code.small(frame) }) {
                        sum.append(small)
                    } else {
                        sum.append(try code.amount(frame))
                    }
                    // Values that cannot be summed so: this row goes to `general`, which stops.
                    guard sum.summable else { throw Deopt() }
                } general: { (_) throws(RuntimeError) in
                    // A row the kernel hands back: evaluated as the list would have it.
                    guard sum.summable, let quantity = Quantity(try self.projection.evaluate(machine)), quantity.unit == unit else { throw declined }
                    sum.append(quantity.amount)
                    guard sum.summable else { throw declined }
                }
                guard sum.finish() else { throw declined }
                return sum
            }
            for part in parts where !total.add(part) { throw declined }
            if total.decimal == nil { throw declined }
        } catch {
            guard error.diagnostic.kind == .cancelled, error.diagnostic.message == SelectNode.declinedMessage else { throw error }
            (machine.steps, machine.memory) = (stepsBefore, memoryBefore)
            return nil
        }
        // The steps `sum` counts for a list of this many values.
        try machine.step(range, items.count)
        return total.decimal.map { Quantity($0, unit).value }
    }

    private static let declinedMessage = "a sum of a projection handed back to summing the list"

    /// Each item's projection, for a list already evaluated (an allocation's weights).
    func project(_ items: ValueList, _ machine: Machine) throws(RuntimeError) -> ValueList {
        if case .table(let table, let rows) = items.storage,
            let kernel = machine.kernel(kernelSource, for: self, over: table, rows: items.count)
        {
            return try projectedRows(of: table, rows, kernel, machine)
        }
        if let field = projectedField, machine.recorder == nil, items.isStatements, let column = items.projected(field) {
            // A plan's statements keep their totals, subjects and keys by column.
            try machine.step(range, perItem * items.count)
            try machine.created(Machine.listBytes(items.count), at: range)
            return column
        }
        var items = items
        if !unreadStatementFields.isEmpty, machine.recorder == nil, case .itemized(let statements) = items.storage {
            items = ValueList(statements.leavingOut(unreadStatementFields))
        }
        let itSlot = self.itSlot, projection = self.projection
        try machine.created(Machine.listBytes(items.count), at: range)
        if let results = try machine.inParallel(
            items, stepAt: range, units: perItem,
            { (worker, item) throws(RuntimeError) in
                worker.setLocal(itSlot, item)
                return try projection.evaluate(worker)
            })
        {
            return ValueList(results)
        }
        var results: [Value] = []
        results.reserveCapacity(items.count)
        for item in items {
            try machine.step(range, perItem)
            machine.setLocal(itSlot, item)
            results.append(try projection.evaluate(machine))
        }
        return ValueList(results)
    }

    /// Each row's projection, by the kernel where it can; amounts are kept as a column.
    private func projectedRows(of table: RecordTable, _ rows: [Int32]?, _ kernel: RowKernel, _ machine: Machine) throws(RuntimeError) -> ValueList {
        let count = rows?.count ?? table.count
        switch kernel.result {
        case .amount(let code, let unit):
            try machine.created(count * Machine.amountBytes, at: range)
            let parts = try machine.inChunks(count, at: range) { (machine, positions) throws(RuntimeError) -> ProjectedAmounts in
                var projected = ProjectedAmounts(unit: unit, capacity: positions.count)
                try machine.eachRow(
                    of: table, rows, at: positions, kernel: kernel, rowSlot: self.itSlot, stepAt: self.range,
                    units: self.perItem
                ) { (frame) throws(Deopt) in
                    if projected.others == nil, let small = frame.small({ () throws(Deopt) in try code.small(frame) }) {
                        projected.amounts.append(small)
                    } else {
                        projected.append(try code.amount(frame))
                    }
                } general: { (_) throws(RuntimeError) in
                    projected.append(try self.projection.evaluate(machine))
                }
                return projected
            }
            return ProjectedAmounts.joined(parts)
        case .truth(let code):
            try machine.created(Machine.listBytes(count), at: range)
            let parts = try machine.inChunks(count, at: range) { (machine, positions) throws(RuntimeError) -> [Value] in
                var results: [Value] = []
                results.reserveCapacity(positions.count)
                try machine.eachRow(
                    of: table, rows, at: positions, kernel: kernel, rowSlot: self.itSlot, stepAt: self.range,
                    units: self.perItem
                ) { (frame) throws(Deopt) in
                    results.append(.bool(try code.decide(frame)))
                } general: { (_) throws(RuntimeError) in
                    results.append(try self.projection.evaluate(machine))
                }
                return results
            }
            return ValueList(parts.count == 1 ? parts[0] : parts.flatMap { $0 })
        }
    }
}

/// A projection's results while they are computed: amounts of the kernel's unit in a column,
/// until a row (evaluated by the general evaluator) gives a value of another kind.
struct ProjectedAmounts {
    let unit: Quantity.Unit
    var amounts = DecimalColumn()
    var others: [Value]?

    init(unit: Quantity.Unit, capacity: Int) {
        self.unit = unit
        amounts.reserveCapacity(capacity)
    }

    mutating func append(_ amount: DecimalNumber) {
        if others == nil { amounts.append(amount) } else { others?.append(Quantity(amount, unit).value) }
    }

    mutating func append(_ value: Value) {
        if others == nil {
            if let quantity = Quantity(value), quantity.unit == unit {
                amounts.append(quantity.amount)
                return
            }
            // The first value of another kind: from here on the results are values.
            others = values
            amounts = DecimalColumn()
        }
        others?.append(value)
    }

    private var values: [Value] {
        others ?? (0..<amounts.count).map { Quantity(amounts[$0], unit).value }
    }

    /// The parts' results as one list, a column while they are all amounts of the unit.
    static func joined(_ parts: [ProjectedAmounts]) -> ValueList {
        guard parts.allSatisfy({ $0.others == nil }), let unit = parts.first?.unit else { return ValueList(parts.flatMap(\.values)) }
        var amounts = parts[0].amounts
        for part in parts.dropFirst() { amounts.append(contentsOf: part.amounts) }
        return ValueList(amounts, unit)
    }
}

final class TakeNode: Node {
    let source: Node
    let count: Node
    init(source: Node, count: Node, range: SourceRange) {
        self.source = source
        self.count = count
        super.init(range: range)
    }
    override func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        let items = try source.list(machine)
        let wanted = try count.wholeNumber(machine, "`take`")
        guard wanted >= 0 else {
            throw RuntimeError(.invalidArgument, at: count.range, "`take` needs a count of zero or more, found \(wanted)")
        }
        let taken = min(wanted, items.count)
        try machine.step(range, taken)
        try machine.created(Machine.listBytes(taken), at: range)
        return .list(Array(items.prefix(taken)))
    }
}

/// A stable multi-key sort: keys are computed once per element, then compared in order.
final class SortNode: Node {
    let source: Node
    let keys: [(key: Node, descending: Bool)]
    let itSlot: Int
    /// The steps each item counts for its keys.
    let perItem: Int
    private let readers: [ItemReader]
    init(source: Node, keys: [(key: Node, descending: Bool)], itSlot: Int, perItem: Int, range: SourceRange) {
        self.source = source
        self.keys = keys
        self.itSlot = itSlot
        self.perItem = perItem
        self.readers = keys.map { ItemReader($0.key, itSlot: itSlot) }
        super.init(range: range)
    }

    /// Rows of a loaded table sorted by fields of theirs, compared in their columns: the
    /// result is the same rows in the new order, no record built. Nil when a key is not a
    /// field, or the columns hold values that need the general comparison (and its errors).
    private func sortedRows(_ items: ValueList, _ machine: Machine) throws(RuntimeError) -> ValueList? {
        guard let (table, rows) = items.tableRows else { return nil }
        var orders: [ColumnOrder] = []
        for (reader, key) in zip(readers, keys) {
            guard let column = reader.column(in: table), let order = ColumnOrder(column, descending: key.descending) else { return nil }
            orders.append(order)
        }
        try machine.step(range, perItem * items.count + Machine.sortSteps(items.count))
        try machine.created(items.count * 16, at: range)
        guard
            let order = try? Aggregates.sortedIndices(
                items.count,
                by: { (a: Int, b: Int) -> Int in
                    let rowA = rows.map { Int($0[a]) } ?? a, rowB = rows.map { Int($0[b]) } ?? b
                    for column in orders {
                        let result = column.compare(rowA, rowB)
                        if result != 0 { return result }
                    }
                    return 0
                })
        else { return nil }
        return ValueList(table, rows: order.map { rows?[$0] ?? Int32($0) })
    }
    override func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        let items = try source.list(machine)
        if let sorted = try sortedRows(items, machine) { return .list(sorted) }
        // The keys, the order and the sorted list; then the comparisons, counted as they are made.
        try machine.created(items.count * (Machine.valueBytes * (keys.count + 1) + 48), at: range)
        var keyValues: [[Value]] = []
        keyValues.reserveCapacity(items.count)
        for item in items {
            try machine.step(range, perItem)
            machine.setLocal(itSlot, item)
            var row: [Value] = []
            for key in keys { row.append(try key.key.evaluate(machine)) }
            keyValues.append(row)
        }
        try machine.step(range, Machine.sortSteps(items.count))
        let order = try located(range) { () throws(ValueError) in
            try Aggregates.sortedIndices(items.count) { (a: Int, b: Int) throws(ValueError) -> Int in
                for (position, key) in keys.enumerated() {
                    let order = try keyValues[a][position].compare(to: keyValues[b][position])
                    if order != 0 { return key.descending ? -order : order }
                }
                return 0
            }
        }
        return .list(order.map { items[$0] })
    }
}

/// How two rows of a column order, for the kinds of column whose values always compare.
struct ColumnOrder {
    private let compareRows: (Int, Int) -> Int

    /// Nil for columns of general values, which the general sort compares (and reports).
    init?(_ column: RecordTable.Column, descending: Bool) {
        let sign = descending ? -1 : 1
        switch column {
        case .amounts(let values, _): compareRows = { sign * values[$0].compare(values[$1]) }
        case .texts(let texts): compareRows = { sign * Value.compareScalars(texts[$0], texts[$1]) }
        case .codedTexts(let dictionary, let codes):
            let ranks = dictionary.ranks
            compareRows = { sign * (ranks[Int(codes[$0])] == ranks[Int(codes[$1])] ? 0 : ranks[Int(codes[$0])] < ranks[Int(codes[$1])] ? -1 : 1) }
        case .timestamps(let instants): compareRows = { sign * (instants[$0] == instants[$1] ? 0 : instants[$0] < instants[$1] ? -1 : 1) }
        case .dates(let days), .enumValues(_, let days): compareRows = { sign * (days[$0] == days[$1] ? 0 : days[$0] < days[$1] ? -1 : 1) }
        case .bools(let flags): compareRows = { sign * (flags[$0] == flags[$1] ? 0 : flags[$0] ? 1 : -1) }
        case .constant: compareRows = { _, _ in 0 }
        case .moneys, .values: return nil
        }
    }

    @inline(__always)
    func compare(_ a: Int, _ b: Int) -> Int { compareRows(a, b) }
}
