// Turns Encodable Swift values into rule values, so a host binds its own model types as inputs.

import Foundation

/// Encodes `Encodable` values as rule values: structs and dictionaries become records, arrays
/// lists, integers, `Decimal` and `DecimalNumber` exact numbers, strings text.
///
/// Binary floating point is the one lossy case: a `Double` is taken at its shortest decimal
/// spelling (`0.1` is 0.1), which is exact for what was written in source or read from JSON,
/// but money should travel as `Decimal`, `DecimalNumber` or a string such as `"1234.50"`,
/// which a Money input converts exactly.
///
/// ```swift
/// struct Affiliate: Encodable { let id: String; let sales: Decimal }
/// let value = try ValueEncoder.encode([Affiliate(id: "ava", sales: 1200.5)])
/// ```
public enum ValueEncoder {
    public static func encode(_ value: some Encodable) throws -> Value {
        let box = EncodingBox()
        try value.encode(to: RuleValueEncoder(box: box, codingPath: []))
        return box.value
    }
}

/// A mutable node of the value being built; containers write their children into boxes.
private final class EncodingBox {
    enum Content {
        case empty
        case single(Value)
        case keyed([(String, EncodingBox)])
        case unkeyed([EncodingBox])
    }
    var content = Content.empty

    var value: Value {
        switch content {
        case .empty: .record(RecordValue(shape: RecordShape(name: nil, fieldNames: []), values: []))
        case .single(let value): value
        case .keyed(let fields):
            // Absent optionals encode nothing; a field set to nil is left out too.
            Value.record(
                fields.compactMap { name, box in
                    if case .empty = box.content { return nil }
                    return (name, box.value)
                })
        case .unkeyed(let items): .list(items.map(\.value))
        }
    }
}

private struct RuleValueEncoder: Encoder {
    let box: EncodingBox
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .keyed = box.content {} else { box.content = .keyed([]) }
        return KeyedEncodingContainer(KeyedContainer<Key>(box: box, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .unkeyed = box.content {} else { box.content = .unkeyed([]) }
        return UnkeyedContainer(box: box, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleContainer(box: box, codingPath: codingPath)
    }
}

/// Encodes one value into a box, catching the kinds that need exact handling.
private func encodeValue(_ value: some Encodable, into box: EncodingBox, codingPath: [any CodingKey]) throws {
    switch value {
    case let number as DecimalNumber: box.content = .single(.number(number))
    case let decimal as Decimal:
        guard let number = DecimalNumber.parse(decimal.description) else {
            throw EncodingError.invalidValue(decimal, .init(codingPath: codingPath, debugDescription: "\(decimal) is out of the language's range"))
        }
        box.content = .single(.number(number))
    case let date as Date:
        let days = Int32((date.timeIntervalSince1970 / 86_400).rounded(.down))
        box.content = .single(.date(CalendarDate(daysSinceEpoch: days)))
    default:
        try value.encode(to: RuleValueEncoder(box: box, codingPath: codingPath))
    }
}

private func number(_ text: String, _ original: Any, _ codingPath: [any CodingKey]) throws -> Value {
    guard let number = DecimalNumber.parse(text) else {
        throw EncodingError.invalidValue(original, .init(codingPath: codingPath, debugDescription: "\(text) is not a finite number in range"))
    }
    return .number(number)
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: EncodingBox
    let codingPath: [any CodingKey]

    private func child(_ key: Key) -> EncodingBox {
        let child = EncodingBox()
        if case .keyed(var fields) = box.content {
            fields.removeAll { $0.0 == key.stringValue }
            fields.append((key.stringValue, child))
            box.content = .keyed(fields)
        }
        return child
    }

    mutating func encodeNil(forKey key: Key) throws { _ = child(key) }
    mutating func encode(_ value: some Encodable, forKey key: Key) throws {
        try encodeValue(value, into: child(key), codingPath: codingPath + [key])
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        RuleValueEncoder(box: child(key), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        RuleValueEncoder(box: child(key), codingPath: codingPath + [key]).unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder { RuleValueEncoder(box: box, codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { RuleValueEncoder(box: child(key), codingPath: codingPath + [key]) }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let box: EncodingBox
    let codingPath: [any CodingKey]
    var count: Int {
        if case .unkeyed(let items) = box.content { return items.count }
        return 0
    }

    private func child() -> EncodingBox {
        let child = EncodingBox()
        if case .unkeyed(var items) = box.content {
            items.append(child)
            box.content = .unkeyed(items)
        }
        return child
    }

    mutating func encodeNil() throws { _ = child() }
    mutating func encode(_ value: some Encodable) throws {
        try encodeValue(value, into: child(), codingPath: codingPath)
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        RuleValueEncoder(box: child(), codingPath: codingPath).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        RuleValueEncoder(box: child(), codingPath: codingPath).unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder { RuleValueEncoder(box: child(), codingPath: codingPath) }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let box: EncodingBox
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { box.content = .empty }
    mutating func encode(_ value: Bool) throws { box.content = .single(.bool(value)) }
    mutating func encode(_ value: String) throws { box.content = .single(.text(value)) }
    mutating func encode(_ value: Double) throws { box.content = .single(try number("\(value)", value, codingPath)) }
    mutating func encode(_ value: Float) throws { box.content = .single(try number("\(value)", value, codingPath)) }
    mutating func encode(_ value: Int) throws { box.content = .single(.number(DecimalNumber(value))) }
    mutating func encode(_ value: Int8) throws { try encode(Int(value)) }
    mutating func encode(_ value: Int16) throws { try encode(Int(value)) }
    mutating func encode(_ value: Int32) throws { try encode(Int(value)) }
    mutating func encode(_ value: Int64) throws { try encode(Int(value)) }
    mutating func encode(_ value: UInt) throws { box.content = .single(try number(String(value), value, codingPath)) }
    mutating func encode(_ value: UInt8) throws { try encode(Int(value)) }
    mutating func encode(_ value: UInt16) throws { try encode(Int(value)) }
    mutating func encode(_ value: UInt32) throws { try encode(Int(value)) }
    mutating func encode(_ value: UInt64) throws { box.content = .single(try number(String(value), value, codingPath)) }
    mutating func encode(_ value: some Encodable) throws { try encodeValue(value, into: box, codingPath: codingPath) }
}
