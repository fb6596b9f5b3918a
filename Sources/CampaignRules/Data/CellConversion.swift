// Converting one cell's text to a field's declared type: the number, money, percent, date and symbol forms data files use.

/// Why a cell's text does not convert; the caller adds where the cell is.
struct CellProblem: Error {
    /// Names the expected type and the text: `expected Money, found "12,34.5"`.
    let message: String
    let fix: String?
}

/// The types a single cell converts to: `DeclaredType` without lists and records.
///
/// A plain enum so the per-cell switch on the hot path of a million-row import does not
/// unwrap `DeclaredType`'s indirect boxes.
enum CellType: Sendable {
    case number, percent, bool, text, timestamp, platform, tier
    /// Money in one currency; `campaign` is the campaign's, for the fix of a cell in another.
    case money(Currency, campaign: Currency?)
    /// A date; a timestamp cell is the date it falls on in the zone.
    case date(CampaignZone)
    /// `Money(field)`: an amount whose currency the record's field names; a cell may also
    /// write its currency (`€400`, `400 EUR`), which must agree.
    case moneyFrom
    case enumeration(EnumType)

    /// The type of one cell; nil for lists and records, which no single text cell can hold.
    /// An optional field's cells have the type it wraps (an empty cell is missing). `campaign`
    /// is the campaign's currency, when known.
    init?(_ type: DeclaredType, zone: CampaignZone, campaign: Currency?) {
        switch type {
        case .number: self = .number
        case .percent: self = .percent
        case .money(let currency): self = .money(currency, campaign: campaign)
        case .moneyFrom: self = .moneyFrom
        case .bool: self = .bool
        case .text: self = .text
        case .date: self = .date(zone)
        case .timestamp: self = .timestamp
        case .platform: self = .platform
        case .tier: self = .tier
        case .enumeration(let enumeration): self = .enumeration(enumeration)
        case .optional(let wrapped): self.init(wrapped, zone: zone, campaign: campaign)
        case .list, .record, .any: return nil
        }
    }

    var name: String {
        switch self {
        case .number: "Number"
        case .percent: "Percent"
        case .money, .moneyFrom: "Money"
        case .bool: "Bool"
        case .text: "Text"
        case .date: "Date"
        case .timestamp: "Timestamp"
        case .platform: "Platform"
        case .tier: "Tier"
        case .enumeration(let enumeration): enumeration.name
        }
    }
}

/// Reads cell text as a typed value, exactly: decimals go from the bytes to `DecimalNumber`.
///
/// The accepted forms, after surrounding spaces and tabs are trimmed (Text is kept as is):
/// - Number: `1234`, `-3`, `1234.5`, `1.5e3`, and `12.5%` (the number 0.125). No separators:
///   `1,234` could mean a thousand or a decimal comma, so it is rejected rather than guessed.
/// - Percent: `3.5%` is 0.035; a bare number such as `0.035` is already the fraction, as
///   spreadsheets store percentages.
/// - Money: `1234.50`, `$1,234.50`, `-$5`, `$-5`, `€30`, `1,500 JPY`. Commas only between
///   groups of three digits; no exponent; a symbol or code must name the field's currency
///   (`$` stands for the dollar currencies, as exports write it).
/// - Bool: `true false yes no 1 0`, any case. Date: `YYYY-MM-DD`. Platform and Tier: the
///   symbol's name, any case (`TikTok` is `tiktok`).
enum CellConverter {
    /// Digits a number may have, as for numeric literals in rule files.
    static let maximumDigits = Limits.arithmeticDigits

    static func convert(_ bytes: UnsafeBufferPointer<UInt8>, to type: CellType) throws(CellProblem) -> Value {
        let text = trimmed(bytes)
        switch type {
        case .number: return .number(try number(text))
        case .percent: return .percent(try percent(text))
        case .money(let currency, let campaign): return .money(try money(text, currency: currency, campaign: campaign), currency)
        case .moneyFrom:
            // The record settles the currency (`RecordDescriptor.settleCurrencies`).
            let (amount, written) = try moneyParts(text)
            return written.map { .money(amount, $0) } ?? .number(amount)
        case .bool: return .bool(try bool(text))
        case .date(let zone): return .date(try date(text, zone: zone))
        case .timestamp: return .timestamp(try timestamp(text))
        case .enumeration(let enumeration): return .enumValue(try enumValue(text, of: enumeration))
        case .platform: return .symbol(try symbol(text, family: .platform, typeName: "Platform"))
        case .tier: return .symbol(try symbol(text, family: .tier, typeName: "Tier"))
        case .text: return .text(String(decoding: bytes, as: UTF8.self))  // untrimmed: text is kept as written
        }
    }

    /// The decimal of a Number, Percent or Money cell and its unit, without a `Value` around it;
    /// nil for the other types.
    @inline(__always)
    static func amount(_ bytes: UnsafeBufferPointer<UInt8>, to type: CellType) throws(CellProblem) -> Quantity? {
        switch type {
        case .number: Quantity(try number(trimmed(bytes)), .number)
        case .percent: Quantity(try percent(trimmed(bytes)), .percent)
        case .money(let currency, let campaign): Quantity(try money(trimmed(bytes), currency: currency, campaign: campaign), .money(currency))
        default: nil
        }
    }

    /// True for a cell with nothing in it but spaces and tabs, which counts as missing for every type but Text.
    static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        trimmed(bytes).isEmpty
    }

    /// The decimal value of text already known to be a well-formed numeric string, checked against the language's range.
    static func exactDecimal(_ text: UnsafeBufferPointer<UInt8>, shown: UnsafeBufferPointer<UInt8>) throws(CellProblem) -> DecimalNumber {
        guard let value = DecimalNumber.parse(utf8: text), value.coefficient < PowersOfTen.uint128[maximumDigits] else {
            throw CellProblem(
                message: "\(Excerpt.quoted(shown)) is out of range: numbers have at most \(maximumDigits) digits and exponents within ±6144",
                fix: nil)
        }
        return value
    }

    // MARK: Numbers and percents

    private static func number(_ text: UnsafeBufferPointer<UInt8>) throws(CellProblem) -> DecimalNumber {
        if text.last == UInt8(ascii: "%") {
            return try percentage(text, typeName: "Number")
        }
        guard isNumeric(text) else { throw numberProblem(text, typeName: "Number") }
        return try exactDecimal(text, shown: text)
    }

    private static func percent(_ text: UnsafeBufferPointer<UInt8>) throws(CellProblem) -> DecimalNumber {
        if text.last == UInt8(ascii: "%") {
            return try percentage(text, typeName: "Percent")
        }
        guard isNumeric(text) else { throw numberProblem(text, typeName: "Percent") }
        let fraction = try exactDecimal(text, shown: text)
        if let slip = Messages.percentSlip(fraction) { throw CellProblem(message: "expected Percent: " + slip.message, fix: slip.fix) }
        return fraction
    }

    /// `12.5%` as the fraction 0.125, by moving the exponent: exact, whatever the digits.
    private static func percentage(_ text: UnsafeBufferPointer<UInt8>, typeName: String) throws(CellProblem) -> DecimalNumber {
        let digits = trimmed(UnsafeBufferPointer(rebasing: text.dropLast()))
        guard isNumeric(digits) else { throw numberProblem(text, typeName: typeName) }
        guard let fraction = try exactDecimal(digits, shown: text).scaled(byPowerOfTen: -2) else {
            throw CellProblem(message: "\(Excerpt.quoted(text)) is out of range", fix: nil)
        }
        return fraction
    }

    /// `[sign] (digits ["." [digits]] | "." digits) [("e" | "E") [sign] digits]`: the numeric-string syntax of `DecimalNumber.parse`.
    static func isNumeric(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        if index < text.count, text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") { index += 1 }
        var digitCount = 0
        var sawPoint = false
        while index < text.count {
            let byte = text[index]
            if byte.isDigit {
                digitCount += 1
            } else if byte == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else {
                break
            }
            index += 1
        }
        guard digitCount > 0 else { return false }
        if index < text.count, text[index] == UInt8(ascii: "e") || text[index] == UInt8(ascii: "E") {
            index += 1
            if index < text.count, text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") { index += 1 }
            let exponentStart = index
            while index < text.count, text[index].isDigit { index += 1 }
            guard index > exponentStart else { return false }
        }
        return index == text.count
    }

    /// The problem for text that is not a number, with a fix for the usual near misses.
    private static func numberProblem(_ text: UnsafeBufferPointer<UInt8>, typeName: String) -> CellProblem {
        let message = "expected \(typeName), found \(Excerpt.quoted(text))"
        let fix: String?
        if text.contains(UInt8(ascii: ",")) {
            fix = "write the number without separators, as `1234.5`: a comma may separate thousands or decimals, so it is not guessed"
        } else if text.contains(UInt8(ascii: "_")) {
            fix = "remove the `_`: data files write numbers as plain digits"
        } else if currencySymbol(in: text, at: text.first.map { $0 == UInt8(ascii: "-") ? 1 : 0 } ?? 0) != nil {
            fix = "this is an amount of money; declare the field as `Money`"
        } else if typeName == "Percent" {
            fix = "write a percentage such as `3.5%`, or the fraction `0.035`"
        } else {
            fix = nil
        }
        return CellProblem(message: message, fix: fix)
    }

    // MARK: Bool, Date, symbols

    /// The words a Bool cell may hold, in any case, packed as their lower-case bytes after
    /// their length.
    private static let boolWords: [(word: UInt64, value: Bool)] = [
        ("true", true), ("false", false), ("yes", true), ("no", false), ("1", true), ("0", false),
    ].map { (word: String, value: Bool) in (word.utf8.reduce(UInt64(word.utf8.count)) { $0 << 8 | UInt64($1) }, value) }

    static func bool(_ text: UnsafeBufferPointer<UInt8>) throws(CellProblem) -> Bool {
        // Up to five letters, lowered and packed into one word: six comparisons of integers.
        if text.count <= 5 {
            var packed = UInt64(text.count)
            for byte in text { packed = packed << 8 | UInt64(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte) }
            for (word, value) in boolWords where word == packed { return value }
        }
        throw CellProblem(
            message: "expected Bool, found \(Excerpt.quoted(text))",
            fix: "write true or false (yes, no, 1 and 0 are accepted too)")
    }

    /// `YYYY-MM-DD`, or a timestamp, whose date in the campaign's zone it is.
    private static func date(_ text: UnsafeBufferPointer<UInt8>, zone: CampaignZone) throws(CellProblem) -> CalendarDate {
        guard text.count > 10 else { return try date(text) }
        switch Timestamp.parse(text, spaceSeparator: true) {
        case .success(let instant):
            guard let day = zone.supportedDate(of: instant) else {
                throw CellProblem(
                    message: "expected Date, found \(Excerpt.quoted(text)), \(zone.outsideYears(instant))",
                    fix: CampaignZone.outsideYearsHint)
            }
            return day
        case .failure(let problem):
            // Longer than a date: a time of day without an offset, or no date form at all.
            let reason = problem == .noOffset ? ", a time of day without an offset from UTC" : ""
            throw CellProblem(
                message: "expected Date, found \(Excerpt.quoted(text))\(reason)",
                fix:
                    "a Date field takes a date, as in `2026-03-14`, or a timestamp with its offset from UTC, as in `2026-03-14T23:30:00Z` or `2026-03-14T18:30:00-05:00`"
            )
        }
    }

    /// An ISO 8601 instant with its offset (a space may stand for the `T`, as SQL exports write it).
    static func timestamp(_ text: UnsafeBufferPointer<UInt8>) throws(CellProblem) -> Timestamp {
        switch Timestamp.parse(text, spaceSeparator: true) {
        case .success(let instant):
            return instant
        case .failure(.noOffset):
            throw CellProblem(
                message: "expected Timestamp, found \(Excerpt.quoted(text)), which has no offset from UTC and so names no single instant",
                fix: "export the timestamps with their offset (`Z` for UTC, or `-05:00`), as in `2026-03-14T23:30:00Z`")
        case .failure(.tooPrecise):
            throw CellProblem(
                message: "expected Timestamp, found \(Excerpt.quoted(text)), finer than a microsecond",
                fix: "write at most six digits after the seconds' point")
        case .failure(.notAnInstant):
            throw CellProblem(
                message: "expected Timestamp, found \(Excerpt.quoted(text)), which is not a time of the calendar",
                fix: nil)
        case .failure(.outsideYears):
            throw CellProblem(
                message: "expected Timestamp, found \(Excerpt.quoted(text)), which is \(Timestamp.outsideYearsReason)",
                fix: Timestamp.outsideYearsHint)
        case .failure(.malformed):
            throw CellProblem(message: "expected Timestamp, found \(Excerpt.quoted(text))", fix: Timestamp.formatHint)
        }
    }

    /// A value's name, ignoring case; anything else lists the allowed values.
    private static func enumValue(_ text: UnsafeBufferPointer<UInt8>, of type: EnumType) throws(CellProblem) -> EnumValue {
        let name = String(decoding: text, as: UTF8.self)
        if let value = type.value(named: name) { return value }
        let problem = DeclaredType.notAValue(name, of: type)
        throw CellProblem(message: "expected \(type.name), found \(Excerpt.quoted(text))", fix: problem.fix)
    }

    /// Exactly `YYYY-MM-DD`, a real day of years 1 to 9999.
    private static func date(_ text: UnsafeBufferPointer<UInt8>) throws(CellProblem) -> CalendarDate {
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard text[index].isDigit else { return nil }
                value = value * 10 + Int(text[index] &- UInt8(ascii: "0"))
            }
            return value
        }
        guard text.count == 10, text[4] == UInt8(ascii: "-"), text[7] == UInt8(ascii: "-"),
            let year = number(0..<4), let month = number(5..<7), let day = number(8..<10)
        else {
            throw CellProblem(
                message: "expected Date, found \(Excerpt.quoted(text))",
                fix: "write dates as YYYY-MM-DD, as in `2026-03-01`")
        }
        guard let date = CalendarDate(year: year, month: month, day: day) else {
            throw CellProblem(message: "expected Date, found \(Excerpt.quoted(text)), which is not a day of the calendar", fix: nil)
        }
        return date
    }

    private static func symbol(_ text: UnsafeBufferPointer<UInt8>, family: Symbol.Family, typeName: String) throws(CellProblem) -> Symbol {
        let name = String(decoding: text, as: UTF8.self).lowercased()
        if let symbol = Symbol.byName[name], symbol.family == family { return symbol }
        let choices = Symbol.allCases.filter { $0.family == family }.map(\.name)
        let guess = Suggestions.closest(to: name, among: choices).map { "did you mean `\($0)`? " } ?? ""
        throw CellProblem(
            message: "expected \(typeName), found \(Excerpt.quoted(text))",
            fix: "\(guess)the \(typeName) names are \(choices.joined(separator: ", "))")
    }

    /// The text without leading and trailing spaces and tabs.
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") { start += 1 }
        while end > start, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }
}
