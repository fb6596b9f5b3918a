// Reading JSON (RFC 8259) straight into values of a declared type, every number from its exact text.

/// Why JSON reading stopped.
enum JSONStop: Error {
    /// Text that is not JSON, at a byte offset; nothing after it can be read.
    case syntax(offset: Int, kind: DiagnosticKind, message: String, fix: String?)
    /// The problem log is full.
    case problemLimitReached
}

/// Reads JSON text as a value of a declared type, converting as it goes.
///
/// Parsing is directed by the type, so no intermediate JSON tree is built and numbers never
/// pass through `Double`: a number's text goes to `DecimalNumber` as written (more than 34
/// digits, or an exponent out of range, is an error). Strings for non-Text fields are read as
/// data-file cells (`"$1,234.50"` for Money, `"TikTok"` for Platform). A number for a Money
/// field is an amount in the field's currency, for a Percent field the fraction (`0.035` is
/// 3.5%), and for a Text field its text as written. A null field counts as missing, so the
/// field's default applies. Fields a record does not declare are skipped (but must still be JSON); a key repeated in
/// one object is an error.
///
/// Problems with a value (a wrong type, a missing field) are recorded and reading goes on;
/// malformed JSON stops it. Nesting is limited to `maximumDepth`, so no input can exhaust the
/// stack, and every byte is visited a bounded number of times.
struct JSONReader {
    /// The deepest nesting of arrays and objects accepted.
    static let maximumDepth = 128

    /// The result of reading one value.
    enum Reading {
        case value(Value)
        /// `null`: for a record field, the same as leaving the field out.
        case null
        /// The value did not fit its type; the problem is already recorded.
        case rejected
    }

    /// Where a value sits, for messages: the innermost field's key and the item number in a list.
    struct Place {
        var field: String?
        var item: Int?

        static let top = Place()

        var prefix: String {
            switch (field, item) {
            case (let field?, let item?): "field `\(field)`, item \(item): "
            case (let field?, nil): "field `\(field)`: "
            case (nil, let item?): "item \(item): "
            case (nil, nil): ""
            }
        }
    }

    let bytes: UnsafeBufferPointer<UInt8>
    /// The next byte to read.
    var position: Int
    /// Reading stops here: the end of the input, or of the line for NDJSON.
    var end: Int
    var log: ProblemLog
    /// What ends the text being read, for messages: the file, or the line of NDJSON.
    var endName = "file"
    /// The campaign's time zone, in which a timestamp given for a Date is a day.
    var zone = CampaignZone.utc
    /// The campaign's currency, when the type read knows it, for messages about money.
    var campaign: Currency?
    private var locator: TextLocator

    /// A reader of `bytes`, which start a file (and may start with a byte order mark), or
    /// follow `linesBefore` lines of it (a later part of an NDJSON file read in parts).
    init(_ bytes: UnsafeBufferPointer<UInt8>, path: String, linesBefore: Int = 0) {
        self.bytes = bytes
        let hasByteOrderMark = linesBefore == 0 && bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        self.position = hasByteOrderMark ? 3 : 0
        self.end = bytes.count
        self.log = ProblemLog(path: path)
        self.locator = TextLocator(bytes, start: position, linesBefore: linesBefore)
    }

    // MARK: Values

    /// `value = object | array | string | number | "true" | "false" | "null"`, read as `type`.
    mutating func readValue(as type: DeclaredType, depth: Int, place: Place) throws(JSONStop) -> Reading {
        // An optional field reads as its type; null and a missing key leave it missing.
        if case .optional(let wrapped) = type { return try readValue(as: wrapped, depth: depth, place: place) }
        skipWhitespace()
        guard position < end else { throw syntaxError("expected a value, found the end of the \(endName)") }
        let start = position
        switch bytes[position] {
        case UInt8(ascii: "{"):
            guard case .record(let descriptor) = type else {
                try skipValue(depth: depth)
                return try reject(at: start, place, "expected \(type.name), found an object")
            }
            return try readRecord(descriptor, depth: depth + 1, place: place)
        case UInt8(ascii: "["):
            guard case .list(let element) = type else {
                try skipValue(depth: depth)
                return try reject(at: start, place, "expected \(type.name), found a list")
            }
            return try readList(of: element, depth: depth + 1, place: place)
        case UInt8(ascii: "\""):
            let text = try readString()
            guard let cellType = CellType(type, zone: zone, campaign: campaign) else {
                return try reject(at: start, place, "expected \(type.name), found the text \(text.withBytes(Excerpt.quoted))")
            }
            let converted = text.withBytes { bytes -> Result<Value, CellProblem> in
                do throws(CellProblem) { return .success(try CellConverter.convert(bytes, to: cellType)) } catch { return .failure(error) }
            }
            switch converted {
            case .success(let value): return .value(value)
            case .failure(let problem): return try reject(at: start, place, problem.message, fix: problem.fix)
            }
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            let truth = try readLiteral(bytes[position] == UInt8(ascii: "t") ? "true" : "false")
            guard case .bool = type else { return try reject(at: start, place, "expected \(type.name), found \(truth)") }
            return .value(.bool(truth == "true"))
        case UInt8(ascii: "n"):
            _ = try readLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let number = UnsafeBufferPointer(rebasing: bytes[try readNumber()])
            return try convertNumber(number, as: type, at: start, place: place)
        default:
            throw syntaxError("expected a value, found \(describeByte(at: position))", fix: hintForUnexpectedValue())
        }
    }

    private mutating func convertNumber(
        _ number: UnsafeBufferPointer<UInt8>, as type: DeclaredType, at start: Int, place: Place
    ) throws(JSONStop) -> Reading {
        switch type {
        case .number, .percent, .money, .moneyFrom: break
        case .optional(let wrapped): return try convertNumber(number, as: wrapped, at: start, place: place)
        case .text: return .value(.text(String(decoding: number, as: UTF8.self)))
        default: return try reject(at: start, place, "expected \(type.name), found the number \(String(decoding: number, as: UTF8.self))")
        }
        let decimal: DecimalNumber
        do throws(CellProblem) {
            decimal = try CellConverter.exactDecimal(number, shown: number)
        } catch {
            return try reject(at: start, place, error.message, fix: error.fix)
        }
        switch type {
        case .money(let currency): return .value(.money(decimal, currency))
        case .percent: return .value(.percent(decimal))
        default: return .value(.number(decimal))
        }
    }

    /// `object = "{" [member ("," member)*] "}"`, `member = string ":" value`, read as a record.
    private mutating func readRecord(
        _ descriptor: DeclaredType.RecordDescriptor, depth: Int, place: Place
    ) throws(JSONStop) -> Reading {
        try checkDepth(depth)
        let objectStart = position
        position += 1
        let fields = descriptor.fields
        var values = [Value](repeating: .bool(false), count: fields.count)
        var states = [FieldState](repeating: .absent, count: fields.count)
        var otherKeys: Set<String> = []
        var isRejected = false
        try readMembers(closing: UInt8(ascii: "}")) { reader, keyStart, key throws(JSONStop) in
            guard let index = descriptor.index(ofColumn: key) else {
                if !otherKeys.insert(key).inserted {
                    isRejected = true
                    _ = try reader.reject(at: keyStart, Place(field: key), "the key `\(key)` appears more than once in this object")
                }
                try reader.skipValue(depth: depth)
                return
            }
            guard states[index] == .absent else {
                isRejected = true
                _ = try reader.reject(at: keyStart, Place(field: key), "the key `\(key)` appears more than once in this object")
                try reader.skipValue(depth: depth)
                return
            }
            switch try reader.readValue(as: fields[index].type, depth: depth, place: Place(field: key)) {
            case .value(let value):
                values[index] = value
                states[index] = .given
            case .null:
                states[index] = .null
            case .rejected:
                states[index] = .rejected
                isRejected = true
            }
        }
        for (index, field) in fields.enumerated() where states[index] == .absent || states[index] == .null {
            if let fallback = field.defaultValue {
                values[index] = fallback
                continue
            }
            if case .optional = field.type {
                values[index] = .missing
                continue
            }
            isRejected = true
            let what = states[index] == .null ? "is null" : "is missing"
            // The key the file uses may be the field's own name, when the field reads another.
            let guess =
                otherKeys.contains(field.name) && field.column != field.name
                ? field.name
                : Suggestions.closest(to: field.column, among: otherKeys)
            // The message names the field itself, so its prefix gives only where the object is.
            _ = try reject(
                at: objectStart, Place(field: place.field, item: place.item), columnName: field.column,
                "\(descriptor.name) needs the field `\(field.name)` (\(field.type.name)), which \(what) and has no default",
                kind: .missingField,
                fix: guess.map {
                    $0 == field.name && field.column != field.name
                        ? "this field is read from the key `\(field.column)` (its `from`): rename the key, or the `from`"
                        : "did you mean `\($0)`? The key must be `\(field.column)`"
                }
                    ?? "add `\"\(field.column)\"` to the object, or give the field a default in `record \(descriptor.name)`")
        }
        guard !isRejected else { return .rejected }
        do throws(ValueError) {
            try descriptor.settleCurrencies(&values)
        } catch {
            return try reject(at: objectStart, Place(field: place.field, item: place.item), error.message, fix: error.fix)
        }
        return .value(.record(RecordValue(shape: descriptor.shape, values: values)))
    }

    private enum FieldState {
        case absent, null, given, rejected
    }

    /// `array = "[" [value ("," value)*] "]"`, read as a list.
    private mutating func readList(of element: DeclaredType, depth: Int, place: Place) throws(JSONStop) -> Reading {
        try checkDepth(depth)
        position += 1
        var items: [Value] = []
        var isRejected = false
        var itemNumber = 0
        try readElements { reader throws(JSONStop) in
            itemNumber += 1
            reader.skipWhitespace()
            let itemStart = reader.position
            switch try reader.readValue(as: element, depth: depth, place: Place(field: place.field, item: itemNumber)) {
            case .value(let value):
                // Once an item is rejected the list is never returned, so its items need not be kept.
                if !isRejected { items.append(value) }
            case .null:
                isRejected = true
                items = []
                _ = try reader.reject(
                    at: itemStart, Place(field: place.field, item: itemNumber), "expected \(element.name), found null")
            case .rejected:
                isRejected = true
                items = []
            }
        }
        return isRejected ? .rejected : .value(.list(items))
    }

    // MARK: Structure

    /// Reads `member ("," member)*` up to the closing brace, calling `member` after each key and its colon.
    private mutating func readMembers(
        closing: UInt8, _ member: (inout JSONReader, _ keyStart: Int, _ key: String) throws(JSONStop) -> Void
    ) throws(JSONStop) {
        skipWhitespace()
        if position < end, bytes[position] == closing {
            position += 1
            return
        }
        while true {
            skipWhitespace()
            guard position < end, bytes[position] == UInt8(ascii: "\"") else {
                if position < end, bytes[position] == closing {
                    throw syntaxError("a comma must be followed by another field", fix: "remove the comma before `}`")
                }
                throw syntaxError("expected a key in double quotes, found \(describeByte(at: position))")
            }
            let keyStart = position
            let key = try readString().string
            skipWhitespace()
            guard position < end, bytes[position] == UInt8(ascii: ":") else {
                throw syntaxError("expected `:` after the key `\(key)`, found \(describeByte(at: position))")
            }
            position += 1
            try member(&self, keyStart, key)
            skipWhitespace()
            guard position < end else { throw syntaxError("the object is not closed before the end of the \(endName)", fix: "add `}`") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            guard bytes[position] == closing else {
                throw syntaxError("expected `,` or `}` after a field, found \(describeByte(at: position))")
            }
            position += 1
            return
        }
    }

    /// Reads `value ("," value)*` up to `]`, calling `element` at each value.
    private mutating func readElements(_ element: (inout JSONReader) throws(JSONStop) -> Void) throws(JSONStop) {
        skipWhitespace()
        if position < end, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return
        }
        while true {
            skipWhitespace()
            if position < end, bytes[position] == UInt8(ascii: "]") {
                throw syntaxError("a comma must be followed by another item", fix: "remove the comma before `]`")
            }
            try element(&self)
            skipWhitespace()
            guard position < end else { throw syntaxError("the list is not closed before the end of the \(endName)", fix: "add `]`") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            guard bytes[position] == UInt8(ascii: "]") else {
                throw syntaxError("expected `,` or `]` after an item, found \(describeByte(at: position))")
            }
            position += 1
            return
        }
    }

    /// Reads any JSON value and drops it: a field the record does not declare, or a value of the wrong type.
    mutating func skipValue(depth: Int) throws(JSONStop) {
        skipWhitespace()
        guard position < end else { throw syntaxError("expected a value, found the end of the \(endName)") }
        switch bytes[position] {
        case UInt8(ascii: "{"):
            try checkDepth(depth + 1)
            position += 1
            var keys: Set<String> = []
            try readMembers(closing: UInt8(ascii: "}")) { reader, keyStart, key throws(JSONStop) in
                if !keys.insert(key).inserted {
                    _ = try reader.reject(at: keyStart, Place(field: key), "the key `\(key)` appears more than once in this object")
                }
                try reader.skipValue(depth: depth + 1)
            }
        case UInt8(ascii: "["):
            try checkDepth(depth + 1)
            position += 1
            try readElements { reader throws(JSONStop) in try reader.skipValue(depth: depth + 1) }
        case UInt8(ascii: "\""):
            _ = try readString()
        case UInt8(ascii: "t"):
            _ = try readLiteral("true")
        case UInt8(ascii: "f"):
            _ = try readLiteral("false")
        case UInt8(ascii: "n"):
            _ = try readLiteral("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            _ = try readNumber()
        default:
            throw syntaxError("expected a value, found \(describeByte(at: position))", fix: hintForUnexpectedValue())
        }
    }

    private func checkDepth(_ depth: Int) throws(JSONStop) {
        guard depth <= JSONReader.maximumDepth else {
            throw JSONStop.syntax(
                offset: position, kind: .limitExceeded,
                message: "lists and objects nest more than \(JSONReader.maximumDepth) levels deep here", fix: nil)
        }
    }

    // MARK: Problems

    /// Records a problem with a value and goes on, unless the log is full.
    mutating func reject(
        at offset: Int, _ place: Place, columnName: String? = nil, _ message: String, kind: DiagnosticKind = .invalidInput,
        fix: String? = nil
    ) throws(JSONStop) -> Reading {
        let location = locator.location(of: offset)
        log.record(
            DataImportError(
                kind, path: log.path, row: location.line, column: location.column, columnName: columnName ?? place.field,
                place.prefix + message, fix: fix))
        if log.isFull { throw .problemLimitReached }
        return .rejected
    }

    /// The line and column of a byte offset.
    mutating func location(of offset: Int) -> (line: Int, column: Int) {
        locator.location(of: offset)
    }

    /// Records malformed JSON as a problem (for NDJSON, which goes on with the next line).
    mutating func recordSyntax(_ stop: JSONStop) {
        guard case .syntax(let offset, let kind, let message, let fix) = stop else { return }
        let location = locator.location(of: offset)
        log.record(DataImportError(kind, path: log.path, row: location.line, column: location.column, message, fix: fix))
    }

    /// The error to throw when reading stops: every problem so far, and the one that stopped it.
    mutating func failure(for stop: JSONStop) -> DataImportError {
        guard case .syntax(let offset, let kind, let message, let fix) = stop else {
            return log.failure() ?? DataImportError(.invalidInput, path: log.path, row: nil, "too many problems")
        }
        let location = locator.location(of: offset)
        return log.finishing(
            with: DataImportError(
                kind, path: log.path, row: location.line, column: location.column, message, fix: fix))
    }

    func syntaxError(_ message: String, fix: String? = nil) -> JSONStop {
        .syntax(offset: position, kind: .invalidInput, message: message, fix: fix)
    }

    /// The byte at `offset` for a message: `` `x` ``, or "the end of the file".
    func describeByte(at offset: Int) -> String {
        guard offset < end else { return "the end of the \(endName)" }
        return "`\(describeScalar(bytes[offset]))`"
    }

    func describeScalar(_ byte: UInt8) -> String {
        guard byte >= 0x20, byte < 0x7F else {
            return byte < 0x80 ? "\\u{\(String(byte, radix: 16))}" : "byte 0x\(String(byte, radix: 16, uppercase: true))"
        }
        return String(UnicodeScalar(byte))
    }

    /// A fix for the usual non-JSON values: single-quoted text, NaN and Infinity, a trailing comma.
    func hintForUnexpectedValue() -> String? {
        guard position < end else { return nil }
        switch bytes[position] {
        case UInt8(ascii: "'"): return "JSON text is written in double quotes"
        case UInt8(ascii: "N"), UInt8(ascii: "I"): return "JSON has no NaN or Infinity; write a number, or null for a missing field"
        case UInt8(ascii: "+"), UInt8(ascii: "."): return "a JSON number starts with a digit or `-`, as in `0.5`"
        case UInt8(ascii: "]"), UInt8(ascii: "}"): return "remove the comma before it"
        default: return nil
        }
    }
}
