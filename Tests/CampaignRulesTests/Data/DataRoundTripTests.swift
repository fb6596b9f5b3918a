// Property tests: random records written as CSV, JSON and NDJSON read back equal; damaged files never crash.

import Testing

@testable import CampaignRules

/// A small deterministic generator (xorshift64*), so every failing case can be replayed from its seed.
struct DataRoundTripGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed
    }

    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }

    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &self) < percent }
    mutating func pick<T>(_ choices: [T]) -> T { choices[Int.random(in: 0..<choices.count, using: &self)] }
}

struct DataRoundTripTests {
    static let sample = DataTestSupport.record(
        "Sample",
        [
            ("id", .text, nil),
            ("platform", .platform, nil),
            ("tier", .tier, nil),
            ("followers", .number, nil),
            ("sales", .money(.usd), nil),
            ("rate", .percent, nil),
            ("active", .bool, nil),
            ("joined", .date, nil),
            ("note", .text, .text("")),
            ("bonus", .money(.usd), .money(.zero, .usd)),
        ])
    static let type = DeclaredType.list(.record(sample))
    static let caseCount = 1_000

    // MARK: Random values

    static let characters: [String] = [
        "a", "b", "z", "Q", "0", "7", " ", ",", "\"", "\n", "\r", "\t", "\\", "/", "é", "€", "😀", "\u{0}", "'", ";", "{", "$", "%",
    ]

    static func text(_ random: inout DataRoundTripGenerator, nonEmpty: Bool) -> String {
        let length = Int.random(in: (nonEmpty ? 1 : 0)...10, using: &random)
        return (0..<length).map { _ in random.pick(characters) }.joined()
    }

    static func decimal(_ random: inout DataRoundTripGenerator, exponents: ClosedRange<Int>) -> DecimalNumber {
        let digits = random.chance(5) ? 34 : Int.random(in: 1...18, using: &random)
        var coefficient: UInt128 = 0
        for _ in 0..<digits { coefficient = coefficient * 10 + UInt128(UInt8.random(in: 0...9, using: &random)) }
        // Written out, a positive exponent adds zeros; a number may have 34 digits in all.
        let exponent = Int.random(in: exponents, using: &random)
        return DecimalNumber(isNegative: random.chance(30), coefficient: coefficient, exponent: digits == 34 ? min(exponent, 0) : exponent)
    }

    /// A fraction whose percentage (100 times it, which a fraction above 1 must be written as)
    /// still has at most 34 digits.
    static func percent(_ random: inout DataRoundTripGenerator) -> DecimalNumber {
        let fraction = decimal(&random, exponents: -6...0)
        let digits = Int(fraction.coefficient.decimalDigitCount)
        guard digits + max(0, fraction.exponent + 2) > 34 else { return fraction }
        return DecimalNumber(isNegative: fraction.isNegative, coefficient: fraction.coefficient, exponent: min(fraction.exponent, 32 - digits))
    }

    static func record(_ random: inout DataRoundTripGenerator) -> [Value] {
        let platforms = Symbol.allCases.filter { $0.family == .platform }
        let tiers = Symbol.allCases.filter { $0.family == .tier }
        return [
            .text(text(&random, nonEmpty: true)),
            .symbol(random.pick(platforms)),
            .symbol(random.pick(tiers)),
            .number(decimal(&random, exponents: -8...3)),
            .money(decimal(&random, exponents: -4...0), .usd),
            .percent(percent(&random)),
            .bool(random.chance(50)),
            .date(CalendarDate(daysSinceEpoch: Int32.random(in: -25_000...60_000, using: &random))),
            .text(random.chance(30) ? "" : text(&random, nonEmpty: false)),
            random.chance(40) ? .money(.zero, .usd) : .money(decimal(&random, exponents: -2...0), .usd),
        ]
    }

    // MARK: Spellings of a value as cell text

    /// One of the texts a data file may use for `value`; all read back as the same value.
    static func cellText(_ value: Value, _ random: inout DataRoundTripGenerator) -> String {
        switch value {
        case .number(let number):
            var text = random.chance(30) ? scientific(number) : number.plainDescription
            if random.chance(20) { text = " " + text + "\t" }
            return text
        case .money(let amount, _):
            let digits = amount.magnitude.plainDescription
            let sign = amount.isNegative ? "-" : ""
            switch Int.random(in: 0..<5, using: &random) {
            case 0: return sign + digits
            case 1: return sign + "$" + Value.groupThousands(digits, separator: ",")
            case 2: return "$" + sign + digits
            case 3: return sign + Value.groupThousands(digits, separator: ",") + " USD"
            default: return amount.plainDescription
            }
        case .percent(let fraction):
            // Written as a percentage the digits move, and the text may have at most 34 of them.
            // A fraction above 1 must be a percentage: a bare number above 1 reads as a slip.
            let large = fraction.magnitude.compare(.one) > 0
            if large || random.chance(50), let hundredfold = fraction.scaled(byPowerOfTen: 2),
                hundredfold.plainDescription.filter(\.isNumber).count <= 34
            {
                return hundredfold.plainDescription + (random.chance(20) ? " %" : "%")
            }
            return fraction.plainDescription
        case .bool(let truth):
            return random.pick(truth ? ["true", "TRUE", "Yes", "1"] : ["false", "False", "no", "0"])
        case .date(let date):
            return date.description
        case .symbol(let symbol):
            return String(symbol.name.map { random.chance(50) ? Character($0.uppercased()) : $0 })
        case .text(let text):
            return text
        default:
            return value.description
        }
    }

    /// `coefficient` `E` `exponent`: the same value in scientific notation.
    static func scientific(_ number: DecimalNumber) -> String {
        (number.isNegative ? "-" : "") + String(number.coefficient) + "E" + String(number.exponent)
    }

    // MARK: Writers

    static func csv(_ records: [[Value]], _ random: inout DataRoundTripGenerator) -> String {
        let names = sample.fields.map(\.name)
        // Declared columns in a random order, with unused columns mixed in.
        var columns: [Int?] = Array(names.indices)
        for _ in 0..<Int.random(in: 0...2, using: &random) { columns.append(nil) }
        columns.shuffle(using: &random)
        let lineEnd = random.chance(50) ? "\r\n" : "\n"
        func field(_ text: String) -> String {
            let mustQuote = text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            return mustQuote || random.chance(25) ? DataTestSupport.csvQuoted(text) : text
        }
        var lines = [columns.enumerated().map { offset, column in field(column.map { names[$0] } ?? "unused \(offset)") }.joined(separator: ",")]
        for values in records {
            lines.append(
                columns.map { column in
                    guard let column else { return field(text(&random, nonEmpty: false)) }
                    // A field at its default may also be left empty.
                    if let fallback = sample.fields[column].defaultValue, DataTestSupport.identical(fallback, values[column]), random.chance(50) {
                        return ""
                    }
                    return field(cellText(values[column], &random))
                }.joined(separator: ","))
        }
        return (random.chance(20) ? "\u{FEFF}" : "") + lines.joined(separator: lineEnd) + (random.chance(50) ? lineEnd : "")
    }

    static func jsonString(_ text: String, _ random: inout DataRoundTripGenerator) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += random.chance(50) ? "\\\\" : "\\u005C"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || random.chance(15) {
                    for unit in String(scalar).utf16 {
                        let hex = String(unit, radix: 16, uppercase: random.chance(50))
                        result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    }
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    static func jsonValue(_ value: Value, _ random: inout DataRoundTripGenerator) -> String {
        switch value {
        case .number(let number), .percent(let number), .money(let number, _):
            // A JSON number is the value itself; a JSON string is read as cell text.
            return random.chance(70) ? number.plainDescription : jsonString(cellText(value, &random), &random)
        case .bool(let truth):
            return random.chance(80) ? (truth ? "true" : "false") : jsonString(cellText(value, &random), &random)
        case .text(let text):
            return jsonString(text, &random)
        default:
            return jsonString(cellText(value, &random), &random)
        }
    }

    static func jsonObject(_ values: [Value], _ random: inout DataRoundTripGenerator) -> String {
        let space = { (random: inout DataRoundTripGenerator) in random.pick(["", " ", "  ", "\t"]) }
        var members: [String] = []
        for (field, value) in zip(sample.fields, values) {
            if let fallback = field.defaultValue, DataTestSupport.identical(fallback, value), random.chance(60) {
                if random.chance(50) { members.append(jsonString(field.name, &random) + ":" + space(&random) + "null") }
                continue
            }
            members.append(jsonString(field.name, &random) + space(&random) + ":" + space(&random) + jsonValue(value, &random))
        }
        if random.chance(30) {
            members.append("\"extra\": {\"list\": [1, -2.5e3, true, null, \"x\"], \"deep\": {\"a\": []}}")
        }
        members.shuffle(using: &random)
        return "{" + space(&random) + members.joined(separator: "," + space(&random)) + space(&random) + "}"
    }

    static func json(_ records: [[Value]], _ random: inout DataRoundTripGenerator) -> String {
        let separator = random.chance(50) ? ",\n  " : ","
        return "[" + records.map { jsonObject($0, &random) }.joined(separator: separator) + "]\n"
    }

    static func ndjson(_ records: [[Value]], _ random: inout DataRoundTripGenerator) -> String {
        records.map { jsonObject($0, &random) + (random.chance(20) ? "\n" : "") }.joined(separator: random.chance(50) ? "\r\n" : "\n")
    }

    // MARK: The property

    @Test func randomRecordsReadBackEqual() throws {
        var failures = 0
        for seed in 1...UInt64(Self.caseCount) {
            var random = DataRoundTripGenerator(seed: seed &* 0x9E37_79B9)
            let records = (0..<Int.random(in: 0...4, using: &random)).map { _ in Self.record(&random) }
            let files = [
                ("case.csv", Self.csv(records, &random)),
                ("case.json", Self.json(records, &random)),
                ("case.ndjson", Self.ndjson(records, &random)),
            ]
            for (path, text) in files {
                do throws(DataImportError) {
                    let loaded = DataTestSupport.rows(try DataTestSupport.load(text, path: path, as: Self.type))
                    let matches =
                        loaded.count == records.count
                        && zip(loaded, records).allSatisfy { DataTestSupport.same(.list($0), .list($1)) }
                    if !matches {
                        failures += 1
                        Issue.record("seed \(seed), \(path): \(loaded) != \(records)\n\(text)")
                    }
                } catch {
                    failures += 1
                    Issue.record("seed \(seed), \(path): \(error.rendered)\n\(text)")
                }
                if failures > 5 { return }
            }
        }
    }

    /// Damaged copies of valid files: every load ends in a value or an error, never a trap or a hang.
    @Test func damagedFilesNeverCrash() {
        let damage: [UInt8] = [
            0x00, 0x22, 0x2C, 0x0A, 0x0D, 0x5B, 0x5D, 0x7B, 0x7D, 0x5C, 0x3A, 0x2D, 0x2E, 0x65, 0x80, 0xC3, 0xE2, 0xF0, 0xFF, 0x24,
        ]
        for seed in 1...UInt64(Self.caseCount) {
            var random = DataRoundTripGenerator(seed: seed &* 0x51_7CC1_B727)
            let records = (0..<Int.random(in: 1...3, using: &random)).map { _ in Self.record(&random) }
            let files = [
                ("case.csv", Self.csv(records, &random)),
                ("case.json", Self.json(records, &random)),
                ("case.ndjson", Self.ndjson(records, &random)),
            ]
            for (path, text) in files {
                var bytes = Array(text.utf8)
                for _ in 0..<Int.random(in: 1...4, using: &random) where !bytes.isEmpty {
                    let at = Int.random(in: 0..<bytes.count, using: &random)
                    switch Int.random(in: 0..<3, using: &random) {
                    case 0: bytes[at] = random.pick(damage)
                    case 1: bytes.insert(random.pick(damage), at: at)
                    default: bytes.remove(at: at)
                    }
                }
                if let error = DataTestSupport.bytesError(bytes, path: path, as: Self.type) {
                    #expect(!error.rendered.isEmpty)
                    #expect(error.allProblems.allSatisfy { ($0.row ?? 1) >= 1 && ($0.column ?? 1) >= 1 })
                }
            }
        }
    }
}
