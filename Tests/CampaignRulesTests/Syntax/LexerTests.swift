// Table-driven tests of the lexer: token kinds, line starts, and lexical errors.

import Testing

@testable import CampaignRules

struct LexerTests {
    static func kinds(_ text: String) -> [TokenKind] {
        Lexer.tokens(in: SourceFile(path: "t", text: text)).tokens.map(\.kind).dropLast()
    }

    static func spellings(_ text: String) -> [String] {
        let source = SourceFile(path: "t", text: text)
        return Lexer.tokens(in: source).tokens.dropLast().map { source.text(in: $0.range) }
    }

    @Test(arguments: [
        ("1_000 12.5 10k 2.5M 1e3 12.5%", ["1_000", "12.5", "10k", "2.5M", "1e3", "12.5%"]),
        ("$1_250.50 -$100 €30 £30", ["$1_250.50", "-", "$100", "€30", "£30"]),
        ("2026-03-01 2026 - 03", ["2026-03-01", "2026", "-", "03"]),
        ("a..<b c... 1...", ["a", "..<", "b", "c", "...", "1", "..."]),
        ("x.y ?? 0 == != <= >= < >", ["x", ".", "y", "??", "0", "==", "!=", "<=", ">=", "<", ">"]),
        ("\"a \\\"quoted\\\" word\"", ["\"a \\\"quoted\\\" word\""]),
        ("it.sales # a comment\nnext", ["it", ".", "sales", "next"]),
    ])
    func splitsTokens(_ text: String, _ expected: [String]) {
        #expect(LexerTests.spellings(text) == expected)
    }

    @Test func classifiesTokens() {
        #expect(
            LexerTests.kinds("let x = $5 + 3% in [nano]") == [
                .keyword(.let), .identifier, .equal, .money, .plus, .number, .keyword(.in), .leftBracket, .identifier, .rightBracket,
            ])
        #expect(LexerTests.kinds("\"t\" 2026-01-31 min max step") == [.text, .date, .identifier, .identifier, .identifier])
    }

    @Test func marksTokensThatStartALine() {
        let tokens = Lexer.tokens(in: SourceFile(path: "t", text: "a\n  b c\n\n# note\nd")).tokens
        #expect(tokens.map(\.startsLine) == [true, true, false, true, true])
    }

    @Test func skipsAByteOrderMark() {
        let source = SourceFile(path: "t", bytes: [0xEF, 0xBB, 0xBF] + Array("let a = 1".utf8))
        let lexed = Lexer.tokens(in: source)
        #expect(lexed.diagnostics.isEmpty)
        #expect(lexed.tokens.first?.kind == .keyword(.let))
    }

    @Test func keepsCommentsForTheFormatter() {
        let source = SourceFile(path: "t", text: "# one\nlet a = 1 # two\n")
        #expect(Lexer.tokens(in: source).comments.map { source.text(in: $0) } == ["# one", "# two"])
    }

    @Test(arguments: [
        ("a ! b", DiagnosticKind.invalidCharacter, "write `not x`"),
        ("a && b", .invalidCharacter, "write `and`"),
        ("'text'", .invalidCharacter, "double quotes"),
        ("\"open", .unterminatedText, "closing"),
        ("\"bad \\q escape\"", .invalidEscape, "escapes are"),
        ("12abc", .invalidNumber, "suffixes"),
    ])
    func reportsLexicalErrors(_ text: String, _ kind: DiagnosticKind, _ fixFragment: String) throws {
        let diagnostics = Lexer.tokens(in: SourceFile(path: "t", text: text)).diagnostics
        let first = try #require(diagnostics.first)
        #expect(first.kind == kind)
        #expect((first.message + " " + (first.fix ?? "")).contains(fixFragment))
    }

    @Test func invalidUTF8IsAnErrorNotACrash() {
        let source = SourceFile(path: "t", bytes: Array("let a = ".utf8) + [0xFF, 0xFE] + Array(" 1".utf8))
        let lexed = Lexer.tokens(in: source)
        #expect(lexed.diagnostics.contains { $0.kind == .invalidEncoding })
        #expect(lexed.tokens.last?.kind == .endOfFile)
    }

    @Test func nulBytesAreReportedAndSkipped() {
        let lexed = Lexer.tokens(in: SourceFile(path: "t", bytes: Array("a".utf8) + [0] + Array("b".utf8)))
        #expect(lexed.diagnostics.count == 1)
        #expect(lexed.diagnostics.first?.message == "unexpected invisible character U+0000")
        #expect(lexed.tokens.map(\.kind) == [.identifier, .identifier, .endOfFile])
    }

    /// Invisible characters are named by code point, with a fix, rather than printed blank.
    @Test(arguments: [
        ("a\u{A0}b", "unexpected invisible character U+00A0 (NO-BREAK SPACE)", "replace it with an ordinary space"),
        ("a\u{200B}b", "unexpected invisible character U+200B (ZERO WIDTH SPACE)", "delete it"),
        ("a\u{1B}b", "unexpected invisible character U+001B", "delete it"),
        ("a ~ b", "unexpected character `~`", nil),
    ])
    func invisibleCharactersAreNamed(_ text: String, _ message: String, _ fix: String?) throws {
        let diagnostic = try #require(Lexer.tokens(in: SourceFile(path: "t", text: text)).diagnostics.first)
        #expect(diagnostic.message == message)
        #expect(diagnostic.fix == fix)
    }

    /// Keywords are recognized by their bytes packed into a number: each spelling gives its
    /// keyword, and words that only begin or end like one (or are longer) give none.
    @Test func everyKeywordIsRecognizedAndNothingElse() {
        for keyword in Keyword.allCases {
            #expect(Keyword.matching(ArraySlice(keyword.rawValue.utf8)) == keyword, "\(keyword)")
            #expect(Keyword.matching(ArraySlice((keyword.rawValue + "s").utf8)) == nil)
            #expect(Keyword.matching(ArraySlice(keyword.rawValue.dropLast().utf8)) == nil || keyword.rawValue.count == 1)
            #expect(Keyword.matching(ArraySlice(keyword.rawValue.uppercased().utf8)) == nil)
        }
        for word in ["x", "letter", "allocated", "select_", "", "campaigns", "It", "ina"] {
            #expect(Keyword.matching(ArraySlice(word.utf8)) == nil, "\(word)")
        }
    }
}
