// Shared by the CSV and JSON targets: a record type with a field of every kind a data file fills.

enum FuzzData {
    static let creator: DeclaredType = {
        let fields: [(String, DeclaredType, Value?)] = [
            ("id", .text, nil), ("platform", .platform, .symbol(.instagram)), ("tier", .tier, .symbol(.nano)),
            ("followers", .number, .number(.zero)), ("rate", .percent, .percent(.zero)), ("sales", .money(.usd), .money(.zero, .usd)),
            ("active", .bool, .bool(true)), ("joined", .date, .date(CalendarDate(daysSinceEpoch: 0))),
            ("tags", .list(.text), .list([])),
        ]
        let shape = RecordShape(name: "Creator", fieldNames: fields.map(\.0))
        let descriptor = DeclaredType.RecordDescriptor(
            name: "Creator", shape: shape, fields: fields.map { .init(name: $0.0, type: $0.1, defaultValue: $0.2) })
        return .list(.record(descriptor))
    }()

    /// A load's result, written so that two loads compare equal only when they agree exactly.
    static func render(_ load: () throws(DataImportError) -> Value) -> String {
        do throws(DataImportError) {
            return JSONWriter.value(try load())
        } catch {
            return error.rendered
        }
    }

    static func load(_ data: UnsafePointer<UInt8>, _ size: Int, path: String) {
        _ = try? DataImport.load(Array(UnsafeBufferPointer(start: data, count: size)), path: path, as: creator)
    }
}
