// The subjects of a plan's statements as JSON, read from their table's columns when they have one.

/// Writes the subject of each statement as a JSON value without building the subject's record.
///
/// A plan over loaded data has a table row as each subject; it is written here from the
/// columns, byte for byte as `JSONWriter` writes the record; subjects of any other list go
/// through `JSONWriter`. (Tables and CSV print the statement's key instead: `KeyCells`.)
struct SubjectCells {
    private enum Source {
        /// Rows of a table: the row of each subject.
        case table(RecordTable, rows: [Int32]?)
        case values(ValueList)
    }

    private let source: Source
    /// Each field of a table's rows, read without copying its column (see `FieldColumns`).
    private let fields: FieldColumns?
    /// `"name": ` for each field, as JSON objects start them.
    private let jsonNames: [[UInt8]]

    init(_ subjects: ValueList) {
        guard case .table(let table, let rows) = subjects.storage else {
            source = .values(subjects)
            fields = nil
            jsonNames = []
            return
        }
        source = .table(table, rows: rows)
        fields = FieldColumns(table.columns)
        jsonNames = table.shape.fieldNames.map { Array((JSONWriter.string($0) + ": ").utf8) }
    }

    /// The subject as a value, for the paths that need one.
    func value(at index: Int) -> Value {
        switch source {
        case .table(let table, let rows): .record(table.record(at: row(index, rows)))
        case .values(let list): list[index]
        }
    }

    /// `JSONWriter.value(subject)`.
    func appendJSON(_ index: Int, to buffer: ByteBuffer) {
        guard case .table(_, let rows) = source, let fields else {
            JSONWriter.append(value(at: index), to: buffer)
            return
        }
        let row = row(index, rows)
        buffer.append(UInt8(ascii: "{"))
        for field in jsonNames.indices {
            if field > 0 { buffer.append(UInt8(ascii: ","), UInt8(ascii: " ")) }
            buffer.append(jsonNames[field])
            if let amount = fields.amount(field, row) {
                JSONWriter.appendAmount(amount, fields.units[field], to: buffer)
            } else {
                JSONWriter.append(fields.value(field, row), to: buffer)
            }
        }
        buffer.append(UInt8(ascii: "}"))
    }

    private func row(_ index: Int, _ rows: [Int32]?) -> Int {
        rows.map { Int($0[index]) } ?? index
    }
}

/// The columns of a record table taken apart once, so that reading a field of a row is an
/// index into an array rather than a copy of the column's enum (and a reference count) per cell.
private struct FieldColumns {
    /// Where each field's values are: an amount column, or a column of other values.
    private enum Place {
        case amounts(Int)
        case other(Int)
    }

    private let places: [Place]
    let units: [Quantity.Unit]
    private let amounts: [DecimalReader]
    private let others: [RecordTable.Column]

    init(_ columns: [RecordTable.Column]) {
        var places: [Place] = [], units: [Quantity.Unit] = [], amounts: [DecimalReader] = [], others: [RecordTable.Column] = []
        for column in columns {
            if case .amounts(let values, let unit) = column {
                places.append(.amounts(amounts.count))
                amounts.append(DecimalReader(values))
                units.append(unit)
            } else {
                places.append(.other(others.count))
                others.append(column)
                units.append(.number)
            }
        }
        (self.places, self.units, self.amounts, self.others) = (places, units, amounts, others)
    }

    /// The field's amount in the row; nil for a field that is not a number, percent or money.
    @inline(__always)
    func amount(_ field: Int, _ row: Int) -> DecimalNumber? {
        switch places[field] {
        case .amounts(let column): amounts[column][row]
        case .other: nil
        }
    }

    /// The field's value in the row.
    func value(_ field: Int, _ row: Int) -> Value {
        guard case .other(let column) = places[field] else {
            return amount(field, row).map { Quantity($0, units[field]).value } ?? .number(.zero)
        }
        return others[column].value(at: row)
    }
}
