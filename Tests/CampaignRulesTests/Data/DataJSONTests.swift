// JSON and NDJSON loading: escapes, numbers, structure errors with line and column, nesting limits, duplicate keys.

import Testing

@testable import CampaignRules

struct DataJSONTests {
    static let type = DeclaredType.list(.record(DataTestSupport.affiliate))
    static let text = DataTestSupport.single(.text)

    static func load(_ json: String, as type: DeclaredType = type, path: String = "data.json") throws(DataImportError) -> Value {
        try DataTestSupport.load(json, path: path, as: type)
    }

    static func error(_ json: String, as type: DeclaredType = type, path: String = "data.json") -> DataImportError? {
        DataTestSupport.error(json, path: path, as: type)
    }

    // MARK: Values

    @Test func loadsAnArrayOfObjects() throws {
        let json = """
            [
              {"id": "ava", "platform": "TikTok", "sales": 1250.50, "followers": 1200, "extra": {"nested": [1, 2, {"x": null}]}},
              {"followers": 8e2, "sales": "$99", "refunds": 5, "platform": "instagram", "id": "ben"}
            ]
            """
        let rows = DataTestSupport.rows(try Self.load(json))
        let expected: [[Value]] = [
            [.text("ava"), .symbol(.tiktok), .money(DataTestSupport.decimal("1250.50"), .usd), .money(.zero, .usd), .number(DecimalNumber(1200))],
            [.text("ben"), .symbol(.instagram), .money(DecimalNumber(99), .usd), .money(DecimalNumber(5), .usd), .number(DecimalNumber(800))],
        ]
        #expect(rows.count == 2)
        for (row, want) in zip(rows, expected) {
            #expect(DataTestSupport.identical(.list(row), .list(want)), "\(row)")
        }
    }

    @Test(arguments: [
        (#""plain""#, "plain"),
        (#""quote \" backslash \\ slash \/""#, "quote \" backslash \\ slash /"),
        (#""\b\f\n\r\t""#, "\u{8}\u{C}\n\r\t"),
        (#""\u00e9\u00E9 \u20ac""#, "éé €"),
        (#""\ud83d\ude00 and \uD83C\uDF89""#, "😀 and 🎉"),
        (#""nul \u0000 inside""#, "nul \u{0} inside"),
        (#""raw ünïcödé 😀""#, "raw ünïcödé 😀"),
        (#""""#, ""),
    ])
    func decodesStrings(_ literal: String, _ expected: String) throws {
        let values = DataTestSupport.column(try Self.load("[{\"value\": \(literal)}]", as: Self.text))
        #expect(values.first?.plainText.unicodeScalars.elementsEqual(expected.unicodeScalars) == true, "\(values)")
    }

    @Test func nullCountsAsMissing() throws {
        let rows = DataTestSupport.rows(try Self.load(#"[{"id": "a", "platform": "x", "sales": 1, "followers": 2, "refunds": null}]"#))
        #expect(rows.first.map { DataTestSupport.same($0[3], .money(.zero, .usd)) } == true)
        let error = try #require(Self.error(#"[{"id": "a", "platform": "x", "sales": null, "followers": 2}]"#))
        #expect(error.kind == .missingField)
        #expect(error.message == "item 1: Affiliate needs the field `sales` (Money), which is null and has no default")
        #expect(error.columnName == "sales")
        #expect((error.row, error.column) == (1, 2))
    }

    @Test func aMissingFieldSuggestsTheKeyGiven() throws {
        let error = try #require(Self.error(#"[{"id": "a", "platform": "x", "Sales": 1, "followers": 2}]"#))
        #expect(error.message == "item 1: Affiliate needs the field `sales` (Money), which is missing and has no default")
        #expect(error.fix == "did you mean `Sales`? The key must be `sales`")
    }

    @Test func listsAndNestedRecordsComeFromJSON() throws {
        let link = DataTestSupport.record("Link", [("url", .text, nil), ("clicks", .number, .number(.zero))])
        let post = DataTestSupport.record(
            "Post", [("tags", .list(.text), nil), ("links", .list(.record(link)), nil), ("rates", .list(.percent), .list([]))])
        let json = #"[{"tags": ["a", "b"], "links": [{"url": "u", "clicks": 3}, {"url": "v"}]}]"#
        let rows = DataTestSupport.rows(try Self.load(json, as: .list(.record(post))))
        let expected: [Value] = [
            .list([.text("a"), .text("b")]),
            .list([
                .record(RecordValue(shape: link.shape, values: [.text("u"), .number(DecimalNumber(3))])),
                .record(RecordValue(shape: link.shape, values: [.text("v"), .number(.zero)])),
            ]),
            .list([]),
        ]
        #expect(rows.first.map { DataTestSupport.same(.list($0), .list(expected)) } == true, "\(rows)")

        let error = try #require(Self.error(#"[{"tags": ["a", 5, null], "links": []}]"#, as: .list(.record(post))))
        #expect(error.message == "field `tags`, item 3: expected Text, found null")
        #expect(error.column == 20)
    }

    @Test func anyDeclaredTypeLoadsFromJSON() throws {
        let number = try Self.load(" 42.50 ", as: .number)
        #expect(DataTestSupport.identical(number, .number(DataTestSupport.decimal("42.50"))))
        let list = try Self.load("[1, 2.5, -3]", as: .list(.number))
        #expect(DataTestSupport.same(list, .list([.number(DecimalNumber(1)), .number(DataTestSupport.decimal("2.5")), .number(DecimalNumber(-3))])))
        let error = try #require(Self.error("null", as: .number))
        #expect(error.message == "expected Number, found null")
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        let value = try Self.load("\u{FEFF}[]")
        #expect(DataTestSupport.rows(value).isEmpty)
    }

    // MARK: Malformed JSON

    @Test(arguments: [
        ("", 1, 1, "the file is empty"),
        ("  \n ", 1, 1, "the file is empty"),
        ("[1,]", 1, 4, "a comma must be followed by another item"),
        ("[{\"a\": 1,}]", 1, 10, "a comma must be followed by another field"),
        ("[{\"a\" 1}]", 1, 7, "expected `:` after the key `a`"),
        ("[{a: 1}]", 1, 3, "expected a key in double quotes"),
        ("[{\"a\": 1} {\"b\": 2}]", 1, 11, "expected `,` or `]` after an item"),
        ("[{\"a\": 1]", 1, 9, "expected `,` or `}` after a field"),
        ("[{\"a\": 01}]", 1, 9, "a JSON number cannot start with 0"),
        ("[{\"a\": 1.}]", 1, 10, "expected a digit after the decimal point"),
        ("[{\"a\": .5}]", 1, 8, "expected a value, found `.`"),
        ("[{\"a\": +1}]", 1, 8, "expected a value, found `+`"),
        ("[{\"a\": -}]", 1, 9, "expected a digit after `-`"),
        ("[{\"a\": 1e}]", 1, 10, "expected a digit in the exponent"),
        ("[{\"a\": NaN}]", 1, 8, "expected a value, found `N`"),
        ("[{\"a\": tru}]", 1, 8, "expected a value, found `t`"),
        ("[{\"a\": 'x'}]", 1, 8, "expected a value, found `'`"),
        ("[{\"a\": \"x}]", 1, 8, "the text that starts here is not closed"),
        ("[{\"a\": \"line\nbreak\"}]", 1, 13, "the text is not closed before the end of the line"),
        ("[{\"a\": \"tab\there\"}]", 1, 12, "a control character inside text"),
        ("[{\"a\": \"\\x\"}]", 1, 9, "`\\x` is not an escape"),
        ("[{\"a\": \"\\u12\"}]", 1, 9, "four hex digits"),
        ("[{\"a\": \"\\u12G4\"}]", 1, 9, "four hex digits"),
        ("[{\"a\": \"\\ud83d\"}]", 1, 9, "must be followed by `\\u` and a low surrogate"),
        ("[{\"a\": \"\\ud83d\\u0041\"}]", 1, 9, "must be followed by `\\u` and a low surrogate"),
        ("[{\"a\": \"\\ude00\"}]", 1, 9, "a low surrogate"),
        ("[1] [2]", 1, 5, "more text follows the JSON value"),
        ("[\n  {\"id\": \"a\",\n   \"sales\" 1}\n]", 3, 12, "expected `:` after the key `sales`"),
        ("[{\"note\": \"ünï\", \"x\": @}]", 1, 23, "expected a value, found `@`"),
        ("[", 1, 2, "expected a value, found the end of the file"),
        ("[{", 1, 3, "expected a key in double quotes, found the end of the file"),
    ])
    func reportsMalformedJSON(_ json: String, _ line: Int, _ column: Int, _ message: String) throws {
        let anything = DeclaredType.list(.record(DataTestSupport.record("Any", [("a", .number, .number(.zero))])))
        let error = try #require(Self.error(json, as: anything))
        let problem = error.allProblems.first { $0.message.contains(message) }
        #expect(problem.map { ($0.row, $0.column) } ?? (0, 0) == (line, column), "\(error.rendered)")
    }

    @Test func invalidUTF8InTextIsAnError() throws {
        let bytes = Array("[{\"value\": \"ab".utf8) + [0xC3, 0x28] + Array("\"}]".utf8)
        let error = try #require(DataTestSupport.bytesError(bytes, path: "d.json", as: Self.text))
        #expect((error.row, error.column, error.kind) == (1, 12, .invalidEncoding))
        let outside = Array("[{\"value\": ".utf8) + [0xFF] + Array("}]".utf8)
        let second = try #require(DataTestSupport.bytesError(outside, path: "d.json", as: Self.text))
        #expect(second.message == "expected a value, found `byte 0xFF`")
    }

    @Test func duplicateKeysAreErrors() throws {
        let declared = try #require(Self.error(#"[{"id": "a", "platform": "x", "sales": 1, "followers": 2, "id": "b"}]"#))
        #expect(declared.message == "field `id`: the key `id` appears more than once in this object")
        #expect(declared.column == 59)
        let extra = try #require(Self.error(#"[{"id": "a", "platform": "x", "sales": 1, "followers": 2, "z": 1, "z": 2}]"#))
        #expect(extra.message == "field `z`: the key `z` appears more than once in this object")
        let nested = try #require(Self.error(#"[{"id": "a", "platform": "x", "sales": 1, "followers": 2, "z": {"q": 1, "q": 2}}]"#))
        #expect(nested.message == "field `q`: the key `q` appears more than once in this object")
        // Keys are compared after escapes are decoded.
        let escaped = try #require(Self.error(#"[{"id": "a", "platform": "x", "sales": 1, "followers": 2, "\u0069d": "b"}]"#))
        #expect(escaped.message.contains("the key `id` appears more than once"))
    }

    @Test func deepNestingIsAnErrorNotACrash() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let error = try #require(Self.error(deep, as: .list(.list(.number))))
        #expect(error.kind == .limitExceeded)
        #expect(error.message == "lists and objects nest more than 128 levels deep here")
        // The third bracket is already the wrong type; skipping it reaches the limit at bracket 129.
        #expect(error.column == 129)

        let unclosed = String(repeating: "[", count: 100_000)
        #expect(Self.error(unclosed, as: .list(.list(.number)))?.kind == .limitExceeded)

        // Nesting inside a field the record does not declare is bounded the same way.
        let inExtra =
            "[{\"value\": \"v\", \"x\": " + String(repeating: "{\"a\":", count: 100_000) + "1" + String(repeating: "}", count: 100_000) + "}]"
        let extraError = try #require(Self.error(inExtra, as: Self.text))
        #expect(extraError.kind == .limitExceeded)
        #expect(extraError.column == 22 + 5 * 126)
    }

    @Test func nestingUpToTheLimitIsFine() throws {
        // The top-level list is level 1, its object level 2, so 126 more levels fit in an extra field.
        let inExtra = "[{\"value\": \"v\", \"x\": " + String(repeating: "[", count: 126) + String(repeating: "]", count: 126) + "}]"
        #expect(DataTestSupport.column(try Self.load(inExtra, as: Self.text)).count == 1)
        let tooDeep = "[{\"value\": \"v\", \"x\": " + String(repeating: "[", count: 127) + String(repeating: "]", count: 127) + "}]"
        #expect(Self.error(tooDeep, as: Self.text)?.kind == .limitExceeded)
    }

    @Test func wrongTopLevelShapeIsExplained() throws {
        let error = try #require(Self.error(#"{"id": "a"}"#))
        #expect(error.message == "expected list of Affiliate, found an object")
        let item = try #require(Self.error("[5]"))
        #expect(item.message == "item 1: expected Affiliate, found the number 5")
    }

    @Test func hugeNumbersAreErrorsNotRounded() throws {
        let json = #"[{"value": 12345678901234567890123456789012345}]"#
        let error = try #require(Self.error(json, as: DataTestSupport.single(.number)))
        #expect(
            error.message
                == "field `value`: \"12345678901234567890123456789012345\" is out of range: numbers have at most 34 digits and exponents within ±6144"
        )
        let fits = DataTestSupport.column(try Self.load(#"[{"value": 1234567890123456789012345678901234}]"#, as: DataTestSupport.single(.number)))
        #expect(fits.first?.description == "1234567890123456789012345678901234")
    }

    // MARK: NDJSON

    @Test func ndjsonReadsOneValuePerLine() throws {
        let text = """
            {"id": "a", "platform": "x", "sales": 1, "followers": 2}\r

               \t
            {"id": "b", "platform": "blog", "sales": "$2.50", "followers": 3}
            """
        for path in ["data.ndjson", "DATA.JSONL"] {
            let rows = DataTestSupport.rows(try Self.load(text, path: path))
            #expect(rows.map { $0[0].plainText } == ["a", "b"])
        }
    }

    @Test func ndjsonErrorsGiveTheLineAsTheRow() throws {
        let text = """
            {"id": "a", "platform": "x", "sales": 1, "followers": 2}
            {"id": "b", "platform": "x", "sales": "lots", "followers": 2}

            {"id": "c", "platform": "x", "sales": 1, "followers": 2,}
            {"id": "d", "platform": "x", "sales": 1, "followers": 2} {}
            null
            [1]
            {"id": "e", "platform": "x", "sales": 1, "followers": 2}
            """
        let error = try #require(Self.error(text, path: "data.ndjson"))
        let problems = error.allProblems.map { ($0.row ?? 0, $0.column ?? 0, $0.message) }
        #expect(problems.count == 5)
        #expect(problems[0] == (2, 39, "field `sales`: expected Money, found \"lots\""))
        #expect(problems[1] == (4, 57, "a comma must be followed by another field"))
        #expect(problems[2] == (5, 58, "more text follows the JSON value; a line of NDJSON holds one value"))
        #expect(problems[3] == (6, 1, "expected Affiliate, found null"))
        #expect(problems[4] == (7, 1, "expected Affiliate, found a list"))
    }

    @Test func ndjsonTextCannotSpanLines() throws {
        let error = try #require(Self.error("{\"id\": \"a\nb\"}\n", path: "d.ndjson"))
        #expect(error.message == "the text that starts here is not closed before the end of the line")
        #expect(error.row == 1)
    }
}
