// Table-driven tests of cell text to typed values, for every declared type, through CSV and JSON alike.

import Testing

@testable import CampaignRules

struct DataCellConversionTests {
    /// A cell's text, the field type, and the value it must load as.
    struct Accepted: Sendable, CustomTestStringConvertible {
        let text: String
        let type: DeclaredType
        let expected: Value
        var testDescription: String { "\(Excerpt.quoted(text)) as \(type.name)" }
    }

    /// A cell's text, the field type, and what the message and fix must say.
    struct Rejected: Sendable, CustomTestStringConvertible {
        let text: String
        let type: DeclaredType
        let message: String
        var fix: String? = nil
        var testDescription: String { "\(Excerpt.quoted(text)) as \(type.name)" }
    }

    static let jpy = Currency(code: "JPY") ?? .usd
    static let cad = Currency(code: "CAD") ?? .usd
    static func number(_ text: String) -> Value { .number(DataTestSupport.decimal(text)) }
    static func percent(_ text: String) -> Value { .percent(DataTestSupport.decimal(text)) }
    static func money(_ text: String, _ currency: Currency = .usd) -> Value { .money(DataTestSupport.decimal(text), currency) }
    static func date(_ year: Int, _ month: Int, _ day: Int) -> Value {
        .date(CalendarDate(year: year, month: month, day: day) ?? CalendarDate(daysSinceEpoch: 0))
    }

    static let accepted: [Accepted] = [
        // Number: plain decimal text, a sign, an exponent; spaces around are trimmed.
        Accepted(text: "1234", type: .number, expected: number("1234")),
        Accepted(text: "1234.5", type: .number, expected: number("1234.5")),
        Accepted(text: "1234.50", type: .number, expected: number("1234.50")),
        Accepted(text: "-3", type: .number, expected: number("-3")),
        Accepted(text: "+7", type: .number, expected: number("7")),
        Accepted(text: "  42\t", type: .number, expected: number("42")),
        Accepted(text: "1.5e3", type: .number, expected: number("1.5e3")),
        Accepted(text: "2E-4", type: .number, expected: number("0.0002")),
        Accepted(text: ".5", type: .number, expected: number("0.5")),
        Accepted(text: "0.1", type: .number, expected: number("0.1")),
        Accepted(text: "007", type: .number, expected: number("7")),
        Accepted(text: "12.5%", type: .number, expected: number("0.125")),
        Accepted(text: String(repeating: "9", count: 34), type: .number, expected: number(String(repeating: "9", count: 34))),
        Accepted(text: "12345678901234567890.123", type: .number, expected: number("12345678901234567890.123")),
        // Money: symbol, sign before or after it, thousands in groups of three, a trailing code.
        Accepted(text: "1234.50", type: .money(.usd), expected: money("1234.50")),
        Accepted(text: "$1,234.50", type: .money(.usd), expected: money("1234.50")),
        Accepted(text: "-$5", type: .money(.usd), expected: money("-5")),
        Accepted(text: "$-5", type: .money(.usd), expected: money("-5")),
        Accepted(text: "+$5", type: .money(.usd), expected: money("5")),
        Accepted(text: " $12 ", type: .money(.usd), expected: money("12")),
        Accepted(text: "1,234,567.89", type: .money(.usd), expected: money("1234567.89")),
        Accepted(text: "999,999", type: .money(.usd), expected: money("999999")),
        Accepted(text: "$0.375", type: .money(.usd), expected: money("0.375")),
        Accepted(text: ".5", type: .money(.usd), expected: money("0.5")),
        Accepted(text: "1,500 USD", type: .money(.usd), expected: money("1500")),
        Accepted(text: "€30", type: .money(.eur), expected: money("30", .eur)),
        Accepted(text: "-€1,000.25", type: .money(.eur), expected: money("-1000.25", .eur)),
        Accepted(text: "30 EUR", type: .money(.eur), expected: money("30", .eur)),
        Accepted(text: "£7.10", type: .money(.gbp), expected: money("7.10", .gbp)),
        Accepted(text: "1,500 JPY", type: .money(jpy), expected: money("1500", jpy)),
        Accepted(text: "$5", type: .money(cad), expected: money("5", cad)),
        // Percent: with `%` it is scaled, bare it is the fraction.
        Accepted(text: "3.5%", type: .percent, expected: percent("0.035")),
        Accepted(text: "0.035", type: .percent, expected: percent("0.035")),
        Accepted(text: "100%", type: .percent, expected: percent("1.00")),
        Accepted(text: "-2%", type: .percent, expected: percent("-0.02")),
        Accepted(text: "1", type: .percent, expected: percent("1")),
        Accepted(text: "150%", type: .percent, expected: percent("1.50")),
        Accepted(text: " 12.5 % ", type: .percent, expected: percent("0.125")),
        Accepted(text: "1e1%", type: .percent, expected: percent("0.1")),
        // Bool words in any case.
        Accepted(text: "true", type: .bool, expected: .bool(true)),
        Accepted(text: "FALSE", type: .bool, expected: .bool(false)),
        Accepted(text: "Yes", type: .bool, expected: .bool(true)),
        Accepted(text: "no", type: .bool, expected: .bool(false)),
        Accepted(text: "1", type: .bool, expected: .bool(true)),
        Accepted(text: " 0 ", type: .bool, expected: .bool(false)),
        // Text is kept exactly.
        Accepted(text: "  hello, world ", type: .text, expected: .text("  hello, world ")),
        Accepted(text: "ünïcödé 🎉", type: .text, expected: .text("ünïcödé 🎉")),
        Accepted(text: "say \"hi\"\nbye", type: .text, expected: .text("say \"hi\"\nbye")),
        // Dates and symbols.
        Accepted(text: "2026-03-01", type: .date, expected: date(2026, 3, 1)),
        Accepted(text: "2024-02-29", type: .date, expected: date(2024, 2, 29)),
        Accepted(text: "TikTok", type: .platform, expected: .symbol(.tiktok)),
        Accepted(text: " YouTube ", type: .platform, expected: .symbol(.youtube)),
        Accepted(text: "x", type: .platform, expected: .symbol(.x)),
        Accepted(text: "Micro", type: .tier, expected: .symbol(.micro)),
        Accepted(text: "MEGA", type: .tier, expected: .symbol(.mega)),
    ]

    static let rejected: [Rejected] = [
        Rejected(text: "1,234", type: .number, message: "expected Number, found \"1,234\"", fix: "without separators"),
        Rejected(text: "1_000", type: .number, message: "expected Number, found \"1_000\"", fix: "remove the `_`"),
        Rejected(text: "$5", type: .number, message: "expected Number, found \"$5\"", fix: "declare the field as `Money`"),
        Rejected(text: "-$5", type: .number, message: "expected Number, found \"-$5\"", fix: "`Money`"),
        Rejected(text: "abc", type: .number, message: "expected Number, found \"abc\""),
        Rejected(text: "1.2.3", type: .number, message: "expected Number, found \"1.2.3\""),
        Rejected(text: "1e", type: .number, message: "expected Number, found \"1e\""),
        Rejected(text: "e5", type: .number, message: "expected Number, found \"e5\""),
        Rejected(text: "--1", type: .number, message: "expected Number, found \"--1\""),
        Rejected(text: "NaN", type: .number, message: "expected Number, found \"NaN\""),
        Rejected(text: "Infinity", type: .number, message: "expected Number, found \"Infinity\""),
        Rejected(text: "12 34", type: .number, message: "expected Number, found \"12 34\""),
        Rejected(text: "٣", type: .number, message: "expected Number, found \"٣\""),
        Rejected(text: String(repeating: "1", count: 35), type: .number, message: "is out of range: numbers have at most 34 digits"),
        Rejected(text: "1e9999", type: .number, message: "\"1e9999\" is out of range"),
        Rejected(text: "12,34.5", type: .money(.usd), message: "expected Money, found \"12,34.5\"", fix: "groups of three digits"),
        Rejected(text: "1234,56", type: .money(.usd), message: "expected Money, found \"1234,56\"", fix: "groups of three digits"),
        Rejected(text: "1,2345", type: .money(.usd), message: "expected Money, found \"1,2345\"", fix: "groups of three digits"),
        Rejected(text: ",123", type: .money(.usd), message: "expected Money, found \",123\"", fix: "groups of three digits"),
        Rejected(text: "1,234.5,6", type: .money(.usd), message: "expected Money, found \"1,234.5,6\""),
        Rejected(text: "(5.00)", type: .money(.usd), message: "expected Money, found \"(5.00)\"", fix: "minus sign"),
        Rejected(text: "1e3", type: .money(.usd), message: "expected Money, found \"1e3\"", fix: "plain digits"),
        Rejected(text: "$", type: .money(.usd), message: "expected Money, found \"$\""),
        Rejected(text: "-", type: .money(.usd), message: "expected Money, found \"-\""),
        Rejected(text: "--5", type: .money(.usd), message: "expected Money, found \"--5\""),
        Rejected(text: "-$-5", type: .money(.usd), message: "expected Money, found \"-$-5\""),
        Rejected(text: "5 dollars", type: .money(.usd), message: "expected Money, found \"5 dollars\""),
        Rejected(text: "$5 USD", type: .money(.usd), message: "expected Money, found \"$5 USD\""),
        Rejected(text: "€30", type: .money(.usd), message: "expected Money in USD, found \"€30\", an amount in EUR", fix: "`currency: EUR`"),
        Rejected(text: "£30", type: .money(.usd), message: "an amount in GBP"),
        Rejected(text: "$30", type: .money(.eur), message: "expected Money in EUR, found \"$30\", an amount in USD"),
        Rejected(text: "30 EUR", type: .money(.usd), message: "expected Money in USD, found \"30 EUR\", an amount in EUR"),
        Rejected(text: "$5", type: .money(jpy), message: "an amount in USD"),
        Rejected(text: "abc%", type: .percent, message: "expected Percent, found \"abc%\""),
        Rejected(text: "3.5%%", type: .percent, message: "expected Percent, found \"3.5%%\""),
        Rejected(text: "%", type: .percent, message: "expected Percent, found \"%\""),
        // A bare number above 1 would be a percentage written without `%`, as `--set` says too.
        Rejected(
            text: "12", type: .percent, message: "expected Percent: 12 for a Percent would mean 1200%",
            fix: "write `12%` for 12 percent, or the fraction `0.12`"),
        Rejected(text: " -1.5 ", type: .percent, message: "expected Percent: -1.5 for a Percent would mean -150%"),
        Rejected(text: "3,5%", type: .percent, message: "expected Percent, found \"3,5%\"", fix: "without separators"),
        Rejected(text: "high", type: .percent, message: "expected Percent, found \"high\"", fix: "`3.5%`"),
        Rejected(text: "y", type: .bool, message: "expected Bool, found \"y\"", fix: "true or false"),
        Rejected(text: "2", type: .bool, message: "expected Bool, found \"2\""),
        Rejected(text: "on", type: .bool, message: "expected Bool, found \"on\""),
        // Near misses of the words, and words inside longer text.
        Rejected(text: "tru", type: .bool, message: "expected Bool, found \"tru\""),
        Rejected(text: "noo", type: .bool, message: "expected Bool, found \"noo\""),
        Rejected(text: "falsey", type: .bool, message: "expected Bool, found \"falsey\""),
        Rejected(text: "10", type: .bool, message: "expected Bool, found \"10\""),
        Rejected(text: "2026-02-30", type: .date, message: "expected Date, found \"2026-02-30\", which is not a day of the calendar"),
        Rejected(text: "2026-3-1", type: .date, message: "expected Date, found \"2026-3-1\"", fix: "YYYY-MM-DD"),
        Rejected(text: "03/01/2026", type: .date, message: "expected Date, found \"03/01/2026\"", fix: "YYYY-MM-DD"),
        Rejected(text: "2026-03-01T00:00", type: .date, message: "expected Date, found \"2026-03-01T00:00\""),
        Rejected(
            text: "myspace", type: .platform, message: "expected Platform, found \"myspace\"",
            fix: "instagram, tiktok, youtube, x, facebook, linkedin, pinterest, twitch, blog"),
        Rejected(text: "tiktk", type: .platform, message: "expected Platform, found \"tiktk\"", fix: "did you mean `tiktok`?"),
        Rejected(text: "nano", type: .platform, message: "expected Platform, found \"nano\""),
        Rejected(text: "tiktok", type: .tier, message: "expected Tier, found \"tiktok\"", fix: "nano, micro, mid, macro, mega"),
        Rejected(text: "half_up", type: .tier, message: "expected Tier, found \"half_up\""),
    ]

    /// A one-column CSV file holding `text`, quoted so any text fits.
    static func csv(_ text: String) -> String {
        "value\r\n" + DataTestSupport.csvQuoted(text) + "\r\n"
    }

    /// A JSON file of one object whose field `value` is `text` as a JSON string.
    static func json(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return "[{\"value\": \"\(escaped)\"}]"
    }

    @Test(arguments: accepted)
    func acceptedFromCSV(_ example: Accepted) throws {
        let loaded = DataTestSupport.column(try DataTestSupport.load(Self.csv(example.text), as: DataTestSupport.single(example.type)))
        #expect(loaded.count == 1)
        let value = try #require(loaded.first)
        #expect(DataTestSupport.identical(value, example.expected), "\(value) != \(example.expected)")
    }

    @Test(arguments: accepted)
    func acceptedFromJSONText(_ example: Accepted) throws {
        let loaded = DataTestSupport.column(
            try DataTestSupport.load(Self.json(example.text), path: "data.json", as: DataTestSupport.single(example.type)))
        let value = try #require(loaded.first)
        #expect(DataTestSupport.identical(value, example.expected), "\(value) != \(example.expected)")
    }

    @Test(arguments: rejected)
    func rejectedFromCSV(_ example: Rejected) throws {
        let error = try #require(DataTestSupport.error(Self.csv(example.text), as: DataTestSupport.single(example.type)))
        #expect(error.row == 2)
        #expect(error.column == 1)
        #expect(error.columnName == "value")
        #expect(error.message.hasPrefix("column `value`: "))
        #expect(error.message.contains(example.message), "\(error.message)")
        if let fix = example.fix {
            #expect(error.fix?.contains(fix) == true, "\(error.fix ?? "no fix")")
        }
        #expect(error.additionalProblems.isEmpty)
    }

    @Test(arguments: rejected)
    func rejectedFromJSONText(_ example: Rejected) throws {
        let error = try #require(
            DataTestSupport.error(Self.json(example.text), path: "data.json", as: DataTestSupport.single(example.type)))
        #expect(error.row == 1)
        #expect(error.column == 12)
        #expect(error.columnName == "value")
        #expect(error.message.contains(example.message), "\(error.message)")
    }

    /// JSON numbers go to decimals from their text, so a Money or Percent field takes them as written.
    @Test(arguments: [
        ("1234.5", DeclaredType.money(.usd), money("1234.5")),
        ("-0.10", DeclaredType.money(.eur), money("-0.10", .eur)),
        ("0.035", DeclaredType.percent, percent("0.035")),
        ("1e3", DeclaredType.number, number("1e3")),
        ("-1.5E-3", DeclaredType.number, number("-0.0015")),
        ("0.1", DeclaredType.number, number("0.1")),
        ("123456789012345678901234567890.1234", DeclaredType.number, number("123456789012345678901234567890.1234")),
        ("1e6144", DeclaredType.number, number("1e6144")),
        ("00123", DeclaredType.text, .text("00123")),
        ("12.50", DeclaredType.text, .text("12.50")),
    ])
    func jsonNumbers(_ text: String, _ type: DeclaredType, _ expected: Value) throws {
        // A leading-zero number is not JSON: it is given here as text for the Text case.
        let literal = text.hasPrefix("00") ? "\"\(text)\"" : text
        let loaded = DataTestSupport.column(
            try DataTestSupport.load("[{\"value\": \(literal)}]", path: "data.json", as: DataTestSupport.single(type)))
        let value = try #require(loaded.first)
        #expect(DataTestSupport.identical(value, expected), "\(value) != \(expected)")
    }

    @Test(arguments: [
        ("12345678901234567890123456789012345", DeclaredType.number, "out of range: numbers have at most 34 digits"),
        ("1e7000", DeclaredType.money(.usd), "\"1e7000\" is out of range"),
        ("1e-7000", DeclaredType.number, "out of range"),
        ("1", DeclaredType.bool, "field `value`: expected Bool, found the number 1"),
        ("5", DeclaredType.date, "expected Date, found the number 5"),
        ("true", DeclaredType.number, "expected Number, found true"),
        ("\"yes\"", DeclaredType.money(.usd), "expected Money, found \"yes\""),
        ("[1]", DeclaredType.number, "expected Number, found a list"),
        ("{\"a\": 1}", DeclaredType.text, "expected Text, found an object"),
    ])
    func jsonValuesOfTheWrongKind(_ literal: String, _ type: DeclaredType, _ message: String) throws {
        let error = try #require(
            DataTestSupport.error("[{\"value\": \(literal)}]", path: "data.json", as: DataTestSupport.single(type)))
        #expect(error.message.contains(message), "\(error.message)")
        #expect((error.row, error.column) == (1, 12))
    }

    @Test func percentKeepsItsDigitsExactly() throws {
        let loaded = DataTestSupport.column(try DataTestSupport.load(Self.csv("3.5%"), as: DataTestSupport.single(.percent)))
        guard case .percent(let fraction)? = loaded.first else {
            Issue.record("not a percent: \(loaded)")
            return
        }
        #expect(fraction.coefficient == 35 && fraction.exponent == -3)
        #expect(loaded.first?.description == "3.5%")
    }

    @Test func moneyKeepsItsWrittenPlaces() throws {
        let loaded = DataTestSupport.column(try DataTestSupport.load(Self.csv("$1,234.50"), as: DataTestSupport.single(.money(.usd))))
        #expect(loaded.first?.literalDescription == "$1_234.50")
    }

    @Test func theByteParserAgreesWithTheTextParser() {
        let samples = [
            "0", "-0", "1234.5", "+.5", "5.", "0000.000", "9999999999999999999", "18446744073709551616",
            "1e5", "-1E-5", "12345678901234567890123456789012345678", "1.", ".", "", "-", "1..2", "1e", "abc",
        ]
        for sample in samples {
            let fromBytes = Array(sample.utf8).withUnsafeBufferPointer { DecimalNumber.parse(utf8: $0) }
            let fromText = DecimalNumber.parse(sample)
            #expect(
                fromBytes.map { ($0.coefficient, $0.exponent, $0.isNegative) } ?? (0, 99, true)
                    == fromText.map { ($0.coefficient, $0.exponent, $0.isNegative) } ?? (0, 99, true), "\(sample)")
        }
    }
}
