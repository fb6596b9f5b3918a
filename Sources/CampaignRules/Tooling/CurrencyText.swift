// The minor digits, symbol and code of each currency as plain numbers, for printing amounts.

/// A currency's facts for the printers, read without copying `Currency.table`'s row.
///
/// `currency.symbol` and `currency.code` copy a row of that table, strings included, which
/// costs a retain and a release for each string; a million statements print several million
/// amounts. Here each currency's symbol and code are packed into one integer (the UTF-8 bytes,
/// then their count in the top byte), so reading one touches no reference count.
enum CurrencyText {
    private static let minorDigits: [Int] = Currency.table.map(\.minorDigits)
    private static let symbols: [UInt64] = Currency.table.map { pack($0.symbol ?? "") }
    private static let codes: [UInt64] = Currency.table.map { pack($0.code) }

    static func minorDigits(_ currency: Currency) -> Int {
        minorDigits[Int(currency.index)]
    }

    /// Whether the currency is written with a symbol before the amount (`$`, `€`), rather
    /// than its code after it (`CHF`).
    static func hasSymbol(_ currency: Currency) -> Bool {
        symbols[Int(currency.index)] != 0
    }

    static func appendSymbol(_ currency: Currency, to buffer: ByteBuffer) {
        buffer.append(packed: symbols[Int(currency.index)])
    }

    static func appendCode(_ currency: Currency, to buffer: ByteBuffer) {
        buffer.append(packed: codes[Int(currency.index)])
    }

    /// The text's UTF-8 bytes from the lowest byte up, and their count in the top byte; zero
    /// for no text. Symbols and codes are at most three bytes.
    private static func pack(_ text: String) -> UInt64 {
        let bytes = Array(text.utf8.prefix(7))
        var packed = UInt64(bytes.count) << 56
        for (index, byte) in bytes.enumerated() { packed |= UInt64(byte) << (8 * UInt64(index)) }
        return packed
    }
}

extension ByteBuffer {
    /// Appends the bytes of a value packed as `CurrencyText` packs them.
    @inline(__always)
    func append(packed: UInt64) {
        let count = Int(packed >> 56)
        for index in 0..<count { append(UInt8(truncatingIfNeeded: packed >> (8 * UInt64(index)))) }
    }
}
