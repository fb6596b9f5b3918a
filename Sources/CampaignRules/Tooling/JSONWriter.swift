// Writes values as JSON with exact decimals: numbers keep every digit and never pass through a float.

/// JSON output for values. Numbers and percents are JSON numbers written with their exact
/// digits; money is `{"amount": 1234.50, "currency": "USD"}`; dates and symbols are strings.
/// Plan lines and statements evaluated with explanations carry an `"explanation"` array.
public enum JSONWriter {
    public static func value(_ value: Value) -> String {
        let buffer = ByteBuffer()
        append(value, to: buffer)
        return buffer.text
    }

    /// Writes the value a list item at a time, so a plan's million statements stream out.
    public static func write(_ value: Value, to output: TextOutput) {
        guard case .list(let items) = value else {
            append(value, to: output.buffer)
            output.flushIfFull()
            return
        }
        output.buffer.append(UInt8(ascii: "["))
        writeElements(items, between: { $0.append(separator) }, after: { _ in }, to: output)
        output.buffer.append(UInt8(ascii: "]"))
        output.flushIfFull()
    }

    /// Writes JSON Lines (NDJSON): each element of a list on a line of its own, or a value
    /// that is not a list as one line.
    public static func writeLines(_ value: Value, to output: TextOutput) {
        guard case .list(let items) = value else {
            append(value, to: output.buffer)
            output.buffer.append(UInt8(ascii: "\n"))
            output.flushIfFull()
            return
        }
        writeElements(items, between: { _ in }, after: { $0.append(UInt8(ascii: "\n")) }, to: output)
    }

    /// Each element's JSON, with `between` and `after` writing what separates and ends them.
    private static func writeElements(
        _ items: ValueList, between: (ByteBuffer) -> Void, after: (ByteBuffer) -> Void, to output: TextOutput
    ) {
        if case .statements(let table) = items.storage {
            let statements = StatementColumnsJSON(table)
            for index in 0..<table.count where !output.failed {
                if index > 0 { between(output.buffer) }
                statements.append(index, to: output.buffer)
                after(output.buffer)
                output.flushIfFull()
            }
            return
        }
        for (index, item) in items.enumerated() where !output.failed {
            if index > 0 { between(output.buffer) }
            append(item, to: output.buffer)
            after(output.buffer)
            output.flushIfFull()
        }
    }

    /// Appends the value's JSON.
    static func append(_ value: Value, to buffer: ByteBuffer) {
        switch value {
        case .number(let number): DecimalText.appendNumber(number, to: buffer)
        case .percent(let fraction): DecimalText.appendNumber(fraction, to: buffer)
        case .money(let amount, let currency): appendMoney(amount, currency, to: buffer)
        case .bool(let flag): buffer.append(flag ? "true" : "false")
        case .text(let text): appendString(text, to: buffer)
        case .date(let date): appendString(date.description, to: buffer)
        case .timestamp(let instant): appendString(instant.description, to: buffer)
        case .symbol(let symbol): appendString(symbol.name, to: buffer)
        case .enumValue(let value): appendString(value.name, to: buffer)
        case .missing: buffer.append("null")
        case .list(let items):
            buffer.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { buffer.append(separator) }
                append(item, to: buffer)
            }
            buffer.append(UInt8(ascii: "]"))
        case .record(let record):
            buffer.append(UInt8(ascii: "{"))
            var first = true
            for (name, field) in zip(record.shape.fieldNames, record.values) {
                // A grouped statement's subject is its key and every item of the group: the key
                // says which, and the items are the input, so they are not written again.
                if record.shape.isStatement, name == "subject", case .record(let group) = field, group.shape.keyFields != nil {
                    continue
                }
                if !first { buffer.append(separator) }
                first = false
                appendString(name, to: buffer)
                buffer.append(UInt8(ascii: ":"), UInt8(ascii: " "))
                append(field, to: buffer)
            }
            if let explanation = record.explanation {
                if !first { buffer.append(separator) }
                buffer.append(#""explanation": ["#)
                for (index, fact) in explanation.facts.enumerated() {
                    if index > 0 { buffer.append(separator) }
                    appendString(fact, to: buffer)
                }
                buffer.append(UInt8(ascii: "]"))
            }
            buffer.append(UInt8(ascii: "}"))
        case .tierTable(let table): appendString("tiers \(table.name)", to: buffer)
        }
    }

    /// A number, percent or money amount of a column, as `append` writes its value.
    static func appendAmount(_ amount: DecimalNumber, _ unit: Quantity.Unit, to buffer: ByteBuffer) {
        switch unit {
        case .number, .percent: DecimalText.appendNumber(amount, to: buffer)
        case .money(let currency): appendMoney(amount, currency, to: buffer)
        }
    }

    /// `{"amount": 1234.50, "currency": "USD"}`.
    static func appendMoney(_ amount: DecimalNumber, _ currency: Currency, to buffer: ByteBuffer) {
        buffer.append(#"{"amount": "#)
        DecimalText.appendNumber(amount, to: buffer)
        buffer.append(#", "currency": ""#)
        CurrencyText.appendCode(currency, to: buffer)
        buffer.append(#""}"#)
    }

    public static func string(_ text: String) -> String {
        let buffer = ByteBuffer()
        appendString(text, to: buffer)
        return buffer.text
    }

    /// The text as a JSON string: quotes, backslashes and control characters escaped.
    static func appendString(_ text: String, to buffer: ByteBuffer) {
        buffer.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var plain = 0
            for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 {
                buffer.append(UnsafeBufferPointer(rebasing: bytes[plain..<index]))
                plain = index + 1
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\"), byte)
                case UInt8(ascii: "\n"): buffer.append(UInt8(ascii: "\\"), UInt8(ascii: "n"))
                case UInt8(ascii: "\r"): buffer.append(UInt8(ascii: "\\"), UInt8(ascii: "r"))
                case UInt8(ascii: "\t"): buffer.append(UInt8(ascii: "\\"), UInt8(ascii: "t"))
                default:
                    buffer.append(#"\u00"#)
                    buffer.append(hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)])
                }
            }
            buffer.append(UnsafeBufferPointer(rebasing: bytes[plain...]))
        }
        buffer.append(UInt8(ascii: "\""))
    }

    private static let separator: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: " ")]
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}

/// A plan's statements written as JSON from its columns, byte for byte as `JSONWriter` writes
/// the records `StatementTable.statement(at:)` would build.
struct StatementColumnsJSON {
    let table: StatementTable
    let made: MadeStatements
    let subjects: SubjectCells
    /// `{"label": "Base", "amount": ` for each slot.
    let lineStarts: [[UInt8]]

    init(_ table: StatementTable) {
        self.table = table
        made = MadeStatements(table)
        subjects = SubjectCells(table.subjects)
        lineStarts = table.slotLabels.map { Array(#"{"label": "#.utf8) + Array(JSONWriter.string($0).utf8) + Array(#", "amount": "#.utf8) }
    }

    func append(_ index: Int, to buffer: ByteBuffer) {
        if let statement = made[index] {
            JSONWriter.append(statement, to: buffer)
            return
        }
        buffer.append(#"{"subject": "#)
        subjects.appendJSON(index, to: buffer)
        buffer.append(#", "key": "#)
        JSONWriter.append(table.keys[index], to: buffer)
        buffer.append(#", "lines": ["#)
        var first = true
        for slot in lineStarts.indices where table.isPaid(index, slot: slot) {
            if !first { buffer.append(UInt8(ascii: ","), UInt8(ascii: " ")) }
            first = false
            buffer.append(lineStarts[slot])
            JSONWriter.appendMoney(table.amount(index, slot: slot), table.currency, to: buffer)
            buffer.append(UInt8(ascii: "}"))
        }
        buffer.append(#"], "total": "#)
        JSONWriter.appendMoney(table.totals[index], table.currency, to: buffer)
        if table.holds {
            buffer.append(#", "carried": {"key": "#)
            JSONWriter.append(BroughtBalances.key(of: table.keys[index]), to: buffer)
            buffer.append(#", "amount": "#)
            JSONWriter.appendMoney(table.carried(index), table.currency, to: buffer)
            buffer.append(UInt8(ascii: "}"))
        }
        buffer.append(UInt8(ascii: "}"))
    }
}
