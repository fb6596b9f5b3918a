// What identifies the item an itemized plan line paid: the order behind "Order NT-20331".

/// The key of an item an itemized line (`commission "Order \(o.id)" for o in orders: …`) was
/// paid for, kept on the line so a run's paid lines can be written out and read back next
/// period (a reversed order's commission is clawed back by its key).
///
/// An item's key is its first field among `id`, `order_id`, `key`, `handle` and `name`; an
/// item that is itself a text, number or date is its own key; anything else has none.
enum ItemKey {
    static let fieldNames = ["id", "order_id", "key", "handle", "name"]

    /// Which field of records of this shape is their key, if any.
    static func field(of shape: RecordShape) -> String? {
        fieldNames.first { shape.index(of: $0) != nil }
    }

    static func of(_ item: Value) -> Value? {
        switch item {
        case .record(let record):
            guard let field = field(of: record.shape), let key = record[field] else { return nil }
            if case .missing = key { return nil }
            return key
        case .text, .number, .date:
            return item
        default:
            return nil
        }
    }
}
