// The keys of a plan's statements as the first cells of their rows: one cell, or one per key field.

/// Writes each statement's key as table or CSV cells.
///
/// A statement's key (see `CompiledPlan.KeySource`) is what tables print for it, never the
/// whole subject: the group's key, the subject's `id`, `handle` or `name`, a `key` line's value
/// or the statement's position. Named group keys (`group by affiliate: …, month: …`) are records,
/// printed one column per field. Keys read from a table's amount column are formatted from
/// their decimals, without building a value per row.
struct KeyCells {
    /// The key columns' headers: `subject`, or the fields of named keys.
    let header: [String]
    /// Whether the keys are records (named keys), printed a field a column.
    private let named: Bool
    private let keys: ValueList
    private let amounts: (reader: DecimalReader, unit: Quantity.Unit)?

    init(_ keys: ValueList) {
        self.keys = keys
        if case .amounts(let column) = keys.storage {
            amounts = (DecimalReader(column.values), column.unit)
        } else {
            amounts = nil
        }
        if case .record(let first)? = keys.first,
            keys.allSatisfy({ if case .record(let key) = $0 { key.shape.fieldNames == first.shape.fieldNames } else { false } })
        {
            (header, named) = (first.shape.fieldNames, true)
        } else {
            (header, named) = (["subject"], false)
        }
    }

    /// The key's cells for a row: one per header.
    func values(at index: Int) -> [Value] {
        let key = keys[index]
        guard named, case .record(let fields) = key else { return [key] }
        return fields.values
    }

    /// Appends the key's cells, calling `endCell` after each; `format` gives a cell's text
    /// (`TablePrinter.cell` for a table, `CSVWriter.cell` for CSV).
    func appendCells(_ index: Int, to buffer: ByteBuffer, as format: (Value) -> String = TablePrinter.cell, endCell: () -> Void) {
        if case .positions = keys.storage {
            DecimalText.appendNumber(DecimalNumber(index + 1), to: buffer)
            return endCell()
        }
        if let amounts {
            let amount = amounts.reader[index]
            switch amounts.unit {
            case .number: DecimalText.appendNumber(amount, to: buffer)
            case .percent: DecimalText.appendPercent(amount, to: buffer)
            case .money(let currency): DecimalText.appendMoney(amount, currency, grouping: UInt8(ascii: ","), padMinor: true, to: buffer)
            }
            return endCell()
        }
        for value in values(at: index) {
            buffer.append(format(value))
            endCell()
        }
    }
}
