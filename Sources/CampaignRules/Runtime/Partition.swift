// One of N parts of a run's data: the rows whose column value hashes to it, by a stable hash.

/// Partition `index` of `count` (0-based: `0/2` and `1/2` split a run in two).
///
/// A row belongs to partition `fnv1a64(bytes of its value) % count`, where the bytes of a
/// value are the UTF-8 of its text form: text as it is; numbers, percents and amounts as
/// their shortest plain decimal (`1.50` and `1.5` are `1.5`; no exponent, no currency);
/// dates as `2026-03-31`; timestamps in UTC as `2026-03-31T22:45:00Z`; booleans as `true`
/// or `false`; enumeration and symbol values by name; a missing value as no bytes. The hash
/// is FNV-1a 64-bit (offset basis 14695981039346656037, prime 1099511628211), so a row's
/// partition is the same on every machine and in every version.
public struct Partition: Sendable, Hashable {
    public let index: Int
    public let count: Int

    /// Nil unless `count ≥ 1` and `0 ≤ index < count`.
    public init?(index: Int, count: Int) {
        guard count >= 1, index >= 0, index < count else { return nil }
        self.index = index
        self.count = count
    }

    /// Whether rows whose column holds `value` belong to this partition.
    public func contains(_ value: Value) -> Bool {
        var text = Partition.keyText(value)
        return text.withUTF8 { contains(bytes: $0) }
    }

    /// Whether rows whose column's text form is these bytes belong to this partition.
    func contains(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        Int(Partition.hash(bytes: bytes) % UInt64(count)) == index
    }

    /// The FNV-1a 64-bit hash of the value's bytes (see `Partition`).
    public static func hash(_ value: Value) -> UInt64 {
        var text = keyText(value)
        return text.withUTF8 { hash(bytes: $0) }
    }

    /// The FNV-1a 64-bit hash of the bytes.
    static func hash(bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 14_695_981_039_346_656_037
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 1_099_511_628_211
        }
        return hash
    }

    /// The text whose UTF-8 bytes are hashed.
    static func keyText(_ value: Value) -> String {
        switch value {
        case .text(let text): text
        case .number(let number), .percent(let number), .money(let number, _): number.normalized.plainDescription
        case .date(let date): date.description
        case .timestamp(let timestamp): timestamp.description
        case .bool(let value): value ? "true" : "false"
        case .enumValue(let value): value.name
        case .symbol(let symbol): symbol.name
        case .missing, .list, .record, .tierTable: value.isMissing ? "" : value.description
        }
    }
}

extension CompiledProgram {
    /// The inputs with only the rows of `input` whose `field` falls in `partition`, and how many
    /// rows it kept of how many; the inputs as they are when `input` is not a list of records.
    public func keeping(_ partition: Partition, of inputs: [String: Value], input: String, field: String) -> (
        inputs: [String: Value], kept: Int, rows: Int
    ) {
        guard case .list(let rows) = inputs[input] else { return (inputs, 0, 0) }
        let kept = rows.keeping(partition, by: field)
        var filtered = inputs
        filtered[input] = .list(kept)
        return (filtered, kept.count, rows.count)
    }
}

extension ValueList {
    /// The records whose `field` falls in `partition`, in order.
    func keeping(_ partition: Partition, by field: String) -> ValueList {
        keeping(
            positions: indices.filter { position in
                guard case .record(let record) = self[position] else { return false }
                return partition.contains(record[field] ?? .missing)
            })
    }

    /// The elements at `positions` (ascending), a table's rows staying in their table.
    func keeping(positions: [Int]) -> ValueList {
        if case .table(let table, let rows) = storage {
            return ValueList(table, rows: positions.map { rows?[$0] ?? Int32($0) })
        }
        return ValueList(positions.map { self[$0] })
    }
}
