// Reading a kept field's cell as most cells are written, straight from its bytes into the column.

extension CSVImport {
    /// How a kept field's cell is read when it is written the common way: a plain decimal, a
    /// timestamp, `true`, an enumeration value as declared, a currency code, text without
    /// doubled quotes. Such a cell gets the very value the general conversion (`convertCell`)
    /// gives it, without the `Value` around it, the closures and the look-ups by name; any
    /// other cell (empty, spaced, quoted, another spelling, or wrong) goes the general way,
    /// which reads it the same or reports its problem.
    enum FastCell {
        case amount(position: Int, unit: Quantity.Unit)
        case text(position: Int)
        case timestamp(position: Int)
        case bool(position: Int)
        /// An enumeration's value; `names` is the index of its `EnumNames`, kept apart so
        /// that a fast cell holds no reference (each copy of one that does counts it).
        case enumeration(position: Int, names: Int)
        /// A `Money(field)` amount and the cell of its currency.
        case moneyFrom(position: Int, currency: Int)
        /// Read the general way only.
        case general
    }

    /// The fast reading of each source's cell, and the enumerations they read.
    static func fastCells(_ sources: [Source]) -> ([FastCell], [EnumNames]) {
        var enums: [EnumNames] = []
        let cells = sources.map { source -> FastCell in
            switch source {
            case .column(let position, _, let unit?, _): return .amount(position: position, unit: unit)
            case .column(let position, .text, nil, _): return .text(position: position)
            case .column(let position, .timestamp, nil, _): return .timestamp(position: position)
            case .column(let position, .bool, nil, _): return .bool(position: position)
            case .column(let position, .enumeration(let type), nil, _):
                enums.append(EnumNames(type))
                return .enumeration(position: position, names: enums.count - 1)
            case .moneyFrom(let position, _, .column(let currency, _, _)): return .moneyFrom(position: position, currency: currency)
            case .column, .moneyFrom, .fallback: return .general
            }
        }
        return (cells, enums)
    }

    /// Appends the cell of `fast`'s field, in the row's `fields` of `text`, to `builder` when
    /// it is written the common way; false, with nothing appended, for a cell to read the
    /// general way. (Static, so that no copy of the importer is made to call it.)
    @inline(__always)
    static func read(
        _ fast: FastCell, _ fields: [CSVReader.Field], of text: UnsafeBufferPointer<UInt8>, enums: [EnumNames],
        into builder: inout ColumnBuilder
    ) -> Bool {
        @inline(__always)
        func plainBytes(_ field: CSVReader.Field) -> UnsafeBufferPointer<UInt8>? { CSVImport.plainBytes(field, of: text) }
        switch fast {
        case .general:
            return false
        case .amount(let position, let unit):
            guard let bytes = plainBytes(fields[position]), let plain = DecimalNumber.plainDecimal(bytes),
                unit != .percent || plain.magnitude.compare(.one) <= 0
            else { return false }
            builder.append(plain, unit)
        case .text(let position):
            guard let bytes = plainBytes(fields[position]), !bytes.isEmpty else { return false }
            builder.appendText(bytes: bytes)
        case .timestamp(let position):
            guard let bytes = plainBytes(fields[position]), case .success(let instant) = Timestamp.parse(bytes, spaceSeparator: true)
            else { return false }
            builder.append(timestamp: instant)
        case .bool(let position):
            guard let bytes = plainBytes(fields[position]), let flag = try? CellConverter.bool(bytes) else { return false }
            builder.append(bool: flag)
        case .enumeration(let position, let index):
            guard let bytes = plainBytes(fields[position]), let value = enums[index].position(of: bytes) else { return false }
            builder.append(enumPosition: value, of: enums[index].type)
        case .moneyFrom(let position, let currencyPosition):
            guard let code = plainBytes(fields[currencyPosition]), let currency = Currency(upperCaseBytes: code),
                let bytes = plainBytes(fields[position]), let plain = DecimalNumber.plainDecimal(bytes)
            else { return false }
            builder.append(plain, .money(currency))
        }
        return true
    }

    /// The field's bytes as they are, when no quotes are doubled in it and it neither starts
    /// nor ends with a space or tab (which the general way trims, or keeps in text).
    @inline(__always)
    private static func plainBytes(_ field: CSVReader.Field, of text: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        guard !field.hasDoubledQuotes else { return nil }
        let bytes = UnsafeBufferPointer(rebasing: text[field.start..<field.end])
        if let first = bytes.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") { return nil }
        if let last = bytes.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { return nil }
        return bytes
    }
}

/// An enumeration's values by the bytes of their names as declared, so a cell that writes
/// one exactly finds it without making a string (other spellings go the general way, which
/// ignores case).
final class EnumNames: Sendable {
    let type: EnumType
    private let names: [[UInt8]]

    init(_ type: EnumType) {
        self.type = type
        names = type.cases.map { Array($0.utf8) }
    }

    /// The position of the first value named exactly `bytes`, as `EnumType.value(named:)` finds it.
    @inline(__always)
    func position(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        names.firstIndex { $0.count == bytes.count && $0.elementsEqual(bytes) }
    }
}
