// Nodes that reach into values: record fields (and their projection over lists) and list items.

/// A node whose value may be absent (a missing field, an index past the end), so that
/// `??` can supply a default instead of an error.
class AccessNode: Node {
    /// The value, or nil when the field or item is missing; other errors still throw.
    func lookup(_ machine: Machine) throws(RuntimeError) -> Value? { nil }
}

final class FieldNode: AccessNode {
    let base: Node
    let name: String
    /// This node's entry in `Machine.fieldCache`.
    let cacheSlot: Int
    /// The frame slot of the base when it is a local (`r.sales`, `it.sales`), read in place.
    private let baseSlot: Int?

    init(base: Node, name: String, cacheSlot: Int, range: SourceRange) {
        self.base = base
        self.name = name
        self.cacheSlot = cacheSlot
        self.baseSlot = (base as? LocalNode)?.slot
        super.init(range: range)
    }

    /// The field's value, found through the machine's cache for this node: records of one
    /// list share a shape, so after the first the lookup by name is skipped.
    @inline(__always)
    private func field(of record: RecordValue, _ machine: Machine) -> Value? {
        fieldIndex(in: record, machine).map { record.value(at: $0) }
    }

    @inline(__always)
    private func fieldIndex(in record: RecordValue, _ machine: Machine) -> Int? {
        let cached = machine.fieldCache[cacheSlot]
        if cached.shape === record.shape { return cached.index }
        guard let index = record.shape.index(of: name) else { return nil }
        machine.fieldCache[cacheSlot] = FieldCacheEntry(shape: record.shape, index: index)
        return index
    }

    override func lookup(_ machine: Machine) throws(RuntimeError) -> Value? {
        let value = try base.evaluate(machine)
        if case .record(let record) = value { return field(of: record, machine) }
        return try lookupInList(value, machine)
    }

    override func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        if let baseSlot, case .record(let record) = machine.stack[machine.base + baseSlot],
            let index = fieldIndex(in: record, machine)
        {
            return try present(record.value(at: index))
        }
        let value = try base.evaluate(machine)
        if case .record(let record) = value {
            guard let fieldValue = field(of: record, machine) else { throw missingField(in: record) }
            return try present(fieldValue)
        }
        return try lookupInList(value, machine)
    }

    /// The value of an optional field left empty may only be read with `??` (the checker
    /// makes sure where it knows the record's type; this is where it did not).
    @inline(__always)
    private func present(_ value: Value) throws(RuntimeError) -> Value {
        guard case .missing = value else { return value }
        throw RuntimeError(
            .optionalRead, at: range, "the field `\(name)` is missing here, so reading it needs a default",
            fix: "write `\(name) ?? DEFAULT` with the value to use when it is missing")
    }

    override func quantity(_ machine: Machine) throws(RuntimeError) -> Quantity? {
        // A record in a local slot is read where it lies, without copying the `Value` around it.
        if let baseSlot, case .record(let record) = machine.stack[machine.base + baseSlot],
            let index = fieldIndex(in: record, machine), let quantity = Quantity(record.value(at: index))
        {
            return quantity
        }
        let value = try base.evaluate(machine)
        guard case .record(let record) = value else {
            machine.spilled = try lookupInList(value, machine)
            return nil
        }
        guard let index = fieldIndex(in: record, machine) else { throw missingField(in: record) }
        return spillingQuantity(of: record.value(at: index), machine)
    }

    private func lookupInList(_ value: Value, _ machine: Machine) throws(RuntimeError) -> Value {
        guard case .list(let items) = value else {
            throw RuntimeError(.notARecord, at: range, "\(value.kindName) has no fields, so `.\(name)` means nothing here")
        }
        try machine.step(range, items.count)
        if let column = items.projected(name) {
            try machine.created(items.count * Machine.amountBytes, at: range)
            if case .values(let values) = column.storage, values.contains(where: \.isMissing) {
                _ = try present(.missing)
            }
            return .list(column)
        }
        try machine.created(Machine.listBytes(items.count), at: range)
        var projected: [Value] = []
        projected.reserveCapacity(items.count)
        for item in items {
            guard case .record(let record) = item else {
                throw RuntimeError(.notARecord, at: range, "`.\(name)` over a list needs records, found \(item.kindName) \(item)")
            }
            guard let fieldValue = field(of: record, machine) else { throw missingField(in: record) }
            projected.append(try present(fieldValue))
        }
        return .list(projected)
    }

    private func missingField(in record: RecordValue) -> RuntimeError {
        let known = record.shape.fieldNames
        let suggestion = Suggestions.closest(to: name, among: known)
        return RuntimeError(
            .missingField, at: range, "\(Metrics.describe(record)) has no field `\(name)`",
            fix: suggestion.map { "did you mean `.\($0)`?" } ?? "write `.\(name) ?? default` to allow a missing field")
    }
}

final class IndexNode: AccessNode {
    let base: Node
    let index: Node
    init(base: Node, index: Node, range: SourceRange) {
        self.base = base
        self.index = index
        super.init(range: range)
    }

    override func lookup(_ machine: Machine) throws(RuntimeError) -> Value? {
        let items = try base.list(machine)
        let position = try index.wholeNumber(machine, "a list index")
        return items.indices.contains(position) ? items[position] : nil
    }

    override func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        let items = try base.list(machine)
        let position = try index.wholeNumber(machine, "a list index")
        guard items.indices.contains(position) else {
            throw RuntimeError(
                .indexOutOfRange, at: range,
                "index \(position) is out of range for a list of \(items.count) item\(items.count == 1 ? "" : "s")",
                fix: items.isEmpty ? "the list is empty; check `count(xs) > 0` first" : "indexes run from 0 to \(items.count - 1)")
        }
        return items[position]
    }
}

/// `access ?? fallback`: the fallback when the field or item is missing.
final class OrDefaultNode: Node {
    let access: AccessNode, fallback: Node
    init(access: AccessNode, fallback: Node, range: SourceRange) {
        self.access = access
        self.fallback = fallback
        super.init(range: range)
    }
    override func evaluate(_ machine: Machine) throws(RuntimeError) -> Value {
        if let value = try access.lookup(machine), !value.isMissing { return value }
        return try fallback.evaluate(machine)
    }
}
