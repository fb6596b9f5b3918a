// Aligned text tables written row by row: cell widths measured in a first pass, rows streamed in a second.

/// The cells of one table row, written one after another into one reusable buffer.
struct CellRow {
    let bytes = ByteBuffer()
    private(set) var ends: [Int] = []

    /// Closes the cell whose bytes were appended since the last one.
    mutating func endCell() {
        ends.append(bytes.count)
    }

    /// Appends a whole cell.
    mutating func append(_ text: String) {
        bytes.append(text)
        endCell()
    }

    mutating func removeAll() {
        bytes.removeAll()
        ends.removeAll(keepingCapacity: true)
    }

    var count: Int { ends.count }

    func cell(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let start = index == 0 ? 0 : ends[index - 1]
        return UnsafeBufferPointer(rebasing: bytes.bytes[start..<ends[index]])
    }
}

/// A table for a terminal: a header, a rule under it, and columns padded to their widest cell,
/// numeric ones right-aligned so digits line up; two spaces between columns, none at the end
/// of a line.
///
/// The rows are produced twice, first to measure the columns and then to write them, so a
/// table of a million rows is written without being held in memory.
struct TableLayout {
    let header: [String]
    let rightAligned: [Bool]
    private(set) var widths: [Int]

    init(header: [String], rightAligned: [Bool]) {
        self.header = header
        self.rightAligned = rightAligned
        widths = header.map(\.count)
    }

    /// Writes the table: `fill(index, &row)` appends the cells of row `index` in `0..<count`.
    static func write(
        header: [String], rightAligned: [Bool], count: Int, to output: TextOutput,
        fill: (Int, inout CellRow) -> Void
    ) {
        var layout = TableLayout(header: header, rightAligned: rightAligned)
        var row = CellRow()
        for index in 0..<count {
            row.removeAll()
            fill(index, &row)
            layout.measure(row)
        }
        let line = ByteBuffer()
        row.removeAll()
        for name in header { row.append(name) }
        layout.write(row, to: output, line: line)
        line.removeAll()
        for (column, width) in layout.widths.enumerated() {
            if column > 0 { line.append(UInt8(ascii: " "), UInt8(ascii: " ")) }
            for _ in 0..<width { line.append("─") }
        }
        output.line(line)
        for index in 0..<count where !output.failed {
            row.removeAll()
            fill(index, &row)
            layout.write(row, to: output, line: line)
        }
    }

    /// Widens the columns to fit the row's cells.
    mutating func measure(_ row: CellRow) {
        for column in 0..<min(row.count, widths.count) {
            widths[column] = max(widths[column], TableLayout.width(of: row.cell(column)))
        }
    }

    /// Writes one row as a line, its cells padded to the column widths.
    func write(_ row: CellRow, to output: TextOutput, line: ByteBuffer) {
        line.removeAll()
        for column in widths.indices {
            if column > 0 { line.append(UInt8(ascii: " "), UInt8(ascii: " ")) }
            let cell = column < row.count ? row.cell(column) : UnsafeBufferPointer(start: nil, count: 0)
            let padding = max(0, widths[column] - TableLayout.width(of: cell))
            if rightAligned[column] { line.append(repeating: UInt8(ascii: " "), count: padding) }
            line.append(cell)
            if !rightAligned[column] { line.append(repeating: UInt8(ascii: " "), count: padding) }
        }
        while line.last == UInt8(ascii: " ") { line.removeLast() }
        output.line(line)
    }

    /// The cell's width in characters, as `String.count` counts them.
    static func width(of cell: UnsafeBufferPointer<UInt8>) -> Int {
        for byte in cell where byte >= 0x80 { return String(decoding: cell, as: UTF8.self).count }
        return cell.count
    }
}
