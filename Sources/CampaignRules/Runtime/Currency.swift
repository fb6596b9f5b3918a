// Currencies as a small index into a fixed table, so money values carry no string.

/// An ISO 4217 currency the language knows, with its minor unit (cents for USD).
///
/// Stored as one byte: money is the hottest value in the interpreter, and a `String`
/// code would cost a reference count on every copy.
public struct Currency: Sendable, Hashable, CustomStringConvertible {
    let index: UInt8

    /// The currencies rule files may name, with their minor-unit digits and display symbols.
    static let table: [(code: String, minorDigits: Int, symbol: String?)] = [
        ("USD", 2, "$"), ("EUR", 2, "€"), ("GBP", 2, "£"), ("CAD", 2, nil), ("AUD", 2, nil),
        ("NZD", 2, nil), ("CHF", 2, nil), ("SEK", 2, nil), ("NOK", 2, nil), ("DKK", 2, nil),
        ("PLN", 2, nil), ("CZK", 2, nil), ("INR", 2, nil), ("BRL", 2, nil), ("MXN", 2, nil),
        ("CNY", 2, nil), ("HKD", 2, nil), ("SGD", 2, nil), ("ZAR", 2, nil), ("AED", 2, nil),
        ("JPY", 0, nil), ("KRW", 0, nil),
    ]

    public static let usd = Currency(index: 0)
    public static let eur = Currency(index: 1)
    public static let gbp = Currency(index: 2)

    /// The currency a data cell's three upper-case letters name, from its bytes: a million
    /// rows of a currency column make no string and hash none. Nil for anything else (the
    /// caller then reads the cell as text, with `init?(code:)` and its messages).
    init?(upperCaseBytes bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 3 else { return nil }
        let packed = UInt32(bytes[0]) << 16 | UInt32(bytes[1]) << 8 | UInt32(bytes[2])
        guard let index = Currency.packedCodes.firstIndex(of: packed) else { return nil }
        self.index = UInt8(index)
    }

    private static let packedCodes: [UInt32] = table.map { entry in
        entry.code.utf8.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }

    /// Nil for a code the table does not hold; any case (`eur` is EUR).
    public init?(code: String) {
        guard let index = Currency.indexByCode[code] ?? Currency.indexByCode[code.uppercased()] else { return nil }
        self.index = index
    }

    /// Each code's index, looked up once per data cell that names a currency.
    private static let indexByCode: [String: UInt8] = Dictionary(
        uniqueKeysWithValues: table.enumerated().map { ($0.element.code, UInt8($0.offset)) })

    init(index: UInt8) {
        self.index = index
    }

    public var code: String { Currency.table[Int(index)].code }
    /// Digits after the decimal point of the smallest coin: 2 for USD, 0 for JPY.
    public var minorDigits: Int { Currency.table[Int(index)].minorDigits }
    public var symbol: String? { Currency.table[Int(index)].symbol }
    public var description: String { code }

    static var knownCodes: String { table.map(\.code).joined(separator: ", ") }
}
