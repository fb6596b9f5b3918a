// Reading the rows of an all-numeric CSV table straight from bytes into columns, a block at a time.

/// Decodes rows whose every declared field is a Number, Percent or Money column written as a
/// plain decimal (`2410.64`, `-3`, `12`): one pass over each row's bytes finds its fields and
/// reads their digits into 64-bit coefficients, with no field list, no `DecimalNumber` and no
/// per-value append. Columns the record does not declare are stepped over, and so is the text
/// of a Text field the program never reads (which only an empty cell could make a problem).
///
/// It accepts only what `CSVImport`'s general path would read to exactly the same value
/// without a problem, and leaves anything else there: the first row that is not plain (a
/// quote, a blank or empty cell, non-ASCII bytes, a sign other than `-`, a negative zero, a
/// Percent above 1, more than 18 digits, a wrong field count, a blank line) stops the block
/// with nothing of that row taken, so the general reader reads it, reports its problems with
/// the same row number, and hands back. Values go to a block of coefficients per field (one
/// exponent each); the block is appended to the columns in one piece when it is full, when a
/// value's exponent differs from its field's in the block, or when the rows end.
struct PlainRowDecoder {
    /// What to do with each column of the file, in header order.
    private enum Cell {
        /// Read a decimal into this slot of the block, or for a field not kept (no slot) only
        /// check that it reads as one; a Percent must be at most 1 in magnitude.
        case amount(slot: Int?, isPercent: Bool)
        /// A Text field not kept: any cell but an empty one (which takes a default or is a problem).
        case checkText
        /// A column the record does not declare.
        case skip
    }

    /// A declared field the decoder reads, by the position of its column.
    enum Field {
        case amount(position: Int, unit: Quantity.Unit, isKept: Bool)
        /// A Text field that is not kept.
        case droppedText(position: Int)
    }

    private let cells: [Cell]
    /// For each slot, the builder it fills and the unit of its values.
    private let builders: [Int]
    private let units: [Quantity.Unit]
    /// Rows a block holds: enough to make appending a block cheap, few enough to stay in cache.
    private static let blockRows = 1_024
    /// The block: `blockRows` coefficients for each slot, slot after slot.
    private var coefficients: [Int64]
    /// The exponent every value of a slot in the block has.
    private var exponents: [Int32]

    /// A decoder for a table whose declared fields are all amounts, Text that is not kept, or
    /// absent from the file and defaulted; nil when it has nothing to read.
    init?(columnCount: Int, fields: [Field?]) {
        var cells = Array(repeating: Cell.skip, count: columnCount)
        var builders: [Int] = [], units: [Quantity.Unit] = []
        for (builder, field) in fields.enumerated() {
            guard case .amount(let position, let unit, let isKept)? = field else {
                if case .droppedText(let position)? = field { cells[position] = .checkText }
                continue
            }
            cells[position] = .amount(slot: isKept ? builders.count : nil, isPercent: unit == .percent)
            if isKept {
                builders.append(builder)
                units.append(unit)
            }
        }
        guard !builders.isEmpty || cells.contains(where: { if case .skip = $0 { false } else { true } }) else { return nil }
        self.cells = cells
        self.builders = builders
        self.units = units
        coefficients = Array(repeating: 0, count: builders.count * PlainRowDecoder.blockRows)
        exponents = Array(repeating: 0, count: builders.count)
    }

    /// Reads plain rows from the reader's position into `builders` until a row that is not
    /// plain (left for the general reader) or the end of the text; returns how many.
    mutating func decode(_ reader: inout CSVReader, into builders: inout [ColumnBuilder]) -> Int {
        var decoded = 0
        while true {
            let (end, taken, otherExponent) = fillBlock(reader.bytes, from: reader.position)
            guard taken > 0 else { break }
            reader.skip(to: end, records: taken)
            flush(rows: taken, into: &builders)
            decoded += taken
            // The block ended because it filled up or an exponent changed: go on with another.
            guard taken == PlainRowDecoder.blockRows || otherExponent else { break }
        }
        return decoded
    }

    /// Reads rows into the block from `start`: where they end, how many, and whether the block
    /// ended at a row whose exponents differ from the block's.
    private mutating func fillBlock(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (end: Int, rows: Int, otherExponent: Bool) {
        // The block is moved out while rows are read into it, so reading `cells` does not
        // overlap its modification.
        var block: [Int64] = [], shared: [Int32] = []
        swap(&block, &coefficients)
        swap(&shared, &exponents)
        var position = start, rows = 0, otherExponent = false
        block.withUnsafeMutableBufferPointer { block in
            shared.withUnsafeMutableBufferPointer { exponents in
                while rows < PlainRowDecoder.blockRows, position < bytes.count {
                    switch readRow(bytes, at: position, row: rows, block, exponents) {
                    case .row(let next):
                        position = next
                        rows += 1
                    case .otherExponent:
                        otherExponent = true
                        return
                    case .notPlain:
                        return
                    }
                }
            }
        }
        swap(&block, &coefficients)
        swap(&shared, &exponents)
        return (position, rows, otherExponent)
    }

    private enum RowResult {
        case row(next: Int)
        case otherExponent
        case notPlain
    }

    /// Reads one row into the block's row `rows`, or says why it cannot.
    @inline(__always)
    private func readRow(
        _ bytes: UnsafeBufferPointer<UInt8>, at start: Int, row rows: Int,
        _ block: UnsafeMutableBufferPointer<Int64>, _ exponents: UnsafeMutableBufferPointer<Int32>
    ) -> RowResult {
        var position = start
        let last = cells.count - 1
        for index in 0...last {
            switch cells[index] {
            case .amount(let slot, let isPercent):
                guard let (value, exponent, end) = PlainRowDecoder.decimal(bytes, from: position) else { return .notPlain }
                if isPercent, !PlainRowDecoder.atMostOne(value, exponent) { return .notPlain }
                position = end
                guard let slot else { break }
                if rows == 0 {
                    exponents[slot] = exponent
                } else if exponents[slot] != exponent {
                    return .otherExponent
                }
                block[slot &* PlainRowDecoder.blockRows &+ rows] = value
            case .checkText:
                guard position < bytes.count, bytes[position] != UInt8(ascii: ","), bytes[position] != UInt8(ascii: "\n"),
                    bytes[position] != UInt8(ascii: "\r")
                else { return .notPlain }
                fallthrough
            case .skip:
                while position < bytes.count {
                    let byte = bytes[position]
                    if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
                    // A quote or a non-ASCII byte: the general reader checks and reports it.
                    if byte == UInt8(ascii: "\"") || byte >= 0x80 { return .notPlain }
                    position += 1
                }
            }
            // Between fields a comma; after the last a line end, or the end of the text.
            if index < last {
                guard position < bytes.count, bytes[position] == UInt8(ascii: ",") else { return .notPlain }
                position += 1
            } else if position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\n") {
                    position += 1
                } else if byte == UInt8(ascii: "\r") {
                    position += 1
                    if position < bytes.count, bytes[position] == UInt8(ascii: "\n") { position += 1 }
                } else {
                    return .notPlain
                }
            }
        }
        return .row(next: position)
    }

    /// `[-] digits [. digits]` or `[-] . digits` ending at a comma, a line end or the end of
    /// the text, with 1 to 18 digits and not a negative zero: its coefficient, exponent and end.
    @inline(__always)
    static func decimal(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (Int64, Int32, Int)? {
        var position = start
        let isNegative = position < bytes.count && bytes[position] == UInt8(ascii: "-")
        if isNegative { position += 1 }
        var coefficient: Int64 = 0, digits = 0, fractionDigits: Int32 = 0, sawPoint = false
        while position < bytes.count {
            let byte = bytes[position]
            let digit = byte &- UInt8(ascii: "0")
            if digit < 10 {
                coefficient = coefficient &* 10 &+ Int64(digit)
                digits += 1
                if sawPoint { fractionDigits += 1 }
            } else if byte == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                break
            } else {
                return nil
            }
            position += 1
        }
        // 18 digits always fit; a negative zero keeps its sign only in the general path.
        guard digits > 0, digits <= 18, !(isNegative && coefficient == 0) else { return nil }
        return (isNegative ? -coefficient : coefficient, -fractionDigits, position)
    }

    /// Whether `coefficient × 10^exponent` is at most 1 in magnitude (exponent ≤ 0).
    @inline(__always)
    private static func atMostOne(_ coefficient: Int64, _ exponent: Int32) -> Bool {
        coefficient.magnitude <= UInt64(PowersOfTen.uint128[Int(-exponent)])
    }

    /// Appends the block's first `rows` rows to the builders, a slot at a time.
    private func flush(rows: Int, into target: inout [ColumnBuilder]) {
        coefficients.withUnsafeBufferPointer { block in
            for slot in builders.indices {
                let start = slot * PlainRowDecoder.blockRows
                target[builders[slot]].appendAmounts(
                    UnsafeBufferPointer(rebasing: block[start..<start + rows]), exponent: exponents[slot], units[slot])
            }
        }
    }
}
