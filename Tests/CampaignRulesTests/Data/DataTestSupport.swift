// Helpers for the data import tests: record types to load into, loading from text, exact value comparison.

@testable import CampaignRules

enum DataTestSupport {
    /// A record type from `(name, type, default)` triples, as a `record` declaration would make it.
    static func record(_ name: String, _ fields: [(String, DeclaredType, Value?)]) -> DeclaredType.RecordDescriptor {
        DeclaredType.RecordDescriptor(
            name: name, shape: RecordShape(name: name, fieldNames: fields.map(\.0)),
            fields: fields.map { DeclaredType.RecordDescriptor.Field(name: $0.0, type: $0.1, defaultValue: $0.2) })
    }

    /// `list of` a record with one field `value` of `type`, for cell tests.
    static func single(_ type: DeclaredType, default fallback: Value? = nil) -> DeclaredType {
        .list(.record(record("Row", [("value", type, fallback)])))
    }

    /// The affiliate record most tests load into.
    static let affiliate = record(
        "Affiliate",
        [
            ("id", .text, nil),
            ("platform", .platform, nil),
            ("sales", .money(.usd), nil),
            ("refunds", .money(.usd), .money(DecimalNumber(0), .usd)),
            ("followers", .number, nil),
        ])

    static func load(_ text: String, path: String = "data.csv", as type: DeclaredType) throws(DataImportError) -> Value {
        try DataImport.load(Array(text.utf8), path: path, as: type)
    }

    /// The rows of a loaded list of records, each as its field values.
    static func rows(_ value: Value) -> [[Value]] {
        guard case .list(let items) = value else { return [] }
        return items.map { item in
            guard case .record(let record) = item else { return [item] }
            return record.values
        }
    }

    /// The one field of each row loaded with `single`.
    static func column(_ value: Value) -> [Value] {
        rows(value).compactMap(\.first)
    }

    /// The error a load throws, or nil when it succeeds.
    static func error(_ text: String, path: String = "data.csv", as type: DeclaredType) -> DataImportError? {
        bytesError(Array(text.utf8), path: path, as: type)
    }

    static func bytesError(_ bytes: [UInt8], path: String = "data.csv", as type: DeclaredType) -> DataImportError? {
        do throws(DataImportError) {
            _ = try DataImport.load(bytes, path: path, as: type)
            return nil
        } catch {
            return error
        }
    }

    /// `text` as a quoted CSV field: in quotes, each quote doubled.
    static func csvQuoted(_ text: String) -> String {
        "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    static func decimal(_ text: String) -> DecimalNumber {
        DecimalNumber.parse(text) ?? DecimalNumber(-999_999)
    }

    /// Equal kinds and equal contents, decimals compared by value (`1.0` and `1.00` are the same).
    static func same(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)), (.percent(let x), .percent(let y)): return x == y
        case (.money(let x, let c), .money(let y, let d)): return x == y && c == d
        case (.bool(let x), .bool(let y)): return x == y
        case (.text(let x), .text(let y)): return x.unicodeScalars.elementsEqual(y.unicodeScalars)
        case (.date(let x), .date(let y)): return x == y
        case (.symbol(let x), .symbol(let y)): return x == y
        case (.list(let x), .list(let y)): return x.count == y.count && zip(x, y).allSatisfy(same)
        case (.record(let x), .record(let y)):
            return x.shape.fieldNames == y.shape.fieldNames && zip(x.values, y.values).allSatisfy(same)
        default: return false
        }
    }

    /// Same as `same`, and decimals keep their written exponent too (`1234.50` stays two places).
    static func identical(_ a: Value, _ b: Value) -> Bool {
        guard same(a, b) else { return false }
        switch (a, b) {
        case (.number(let x), .number(let y)), (.percent(let x), .percent(let y)), (.money(let x, _), .money(let y, _)):
            return x.exponent == y.exponent && x.isNegative == y.isNegative
        default: return true
        }
    }
}
