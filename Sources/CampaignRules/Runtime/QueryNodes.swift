// Nodes for query clauses: where, sort by, take and select, each binding `it` per element.

final class WhereNode: Node {
    let source: Node
    let predicate: Node
    let itSlot: Int
    init(source: Node, predicate: Node, itSlot: Int, range: SourceRange) {
        self.source = source
        self.predicate = predicate
        self.itSlot = itSlot
        super.init(range: range)
    }
    override func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        var kept: [Value] = []
        for item in try source.list(machine) {
            try machine.step(range)
            machine.setLocal(itSlot, item)
            if try predicate.condition(machine) { kept.append(item) }
        }
        return .list(kept)
    }
}

final class SelectNode: Node {
    let source: Node
    let projection: Node
    let itSlot: Int
    init(source: Node, projection: Node, itSlot: Int, range: SourceRange) {
        self.source = source
        self.projection = projection
        self.itSlot = itSlot
        super.init(range: range)
    }
    override func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        let items = try source.list(machine)
        let itSlot = self.itSlot, projection = self.projection
        if let results = machine.inParallel(items, stepAt: range, { (worker, item) throws(RuntimeError) in
            worker.setLocal(itSlot, item)
            return try projection.evaluate(worker)
        }) {
            return .list(results)
        }
        var results: [Value] = []
        results.reserveCapacity(items.count)
        for item in items {
            try machine.step(range)
            machine.setLocal(itSlot, item)
            results.append(try projection.evaluate(machine))
        }
        return .list(results)
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
        return .list(Array(items.prefix(wanted)))
    }
}

/// A stable multi-key sort: keys are computed once per element, then compared in order.
final class SortNode: Node {
    let source: Node
    let keys: [(key: Node, descending: Bool)]
    let itSlot: Int
    init(source: Node, keys: [(key: Node, descending: Bool)], itSlot: Int, range: SourceRange) {
        self.source = source
        self.keys = keys
        self.itSlot = itSlot
        super.init(range: range)
    }
    override func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        let items = try source.list(machine)
        var keyValues: [[Value]] = []
        keyValues.reserveCapacity(items.count)
        for item in items {
            try machine.step(range)
            machine.setLocal(itSlot, item)
            var row: [Value] = []
            for key in keys { row.append(try key.key.evaluate(machine)) }
            keyValues.append(row)
        }
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
