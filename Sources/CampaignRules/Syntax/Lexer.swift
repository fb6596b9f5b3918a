// Splits a source file's bytes into tokens, collecting comments and lexical errors as it goes.

/// The lexer's output: the tokens (always ending with `endOfFile`), comments for the
/// formatter, and every lexical error found.
public struct LexedSource: Sendable {
    public var tokens: [Token]
    public var comments: [SourceRange]
    public var diagnostics: [Diagnostic]
}

/// Turns bytes into tokens. It never fails: a bad character becomes a diagnostic and is skipped.
public struct Lexer {
    let bytes: [UInt8]
    /// Where lexing stops: the end of the file, or of the part of it being lexed.
    let end: Int
    var offset = 0
    private var startsLine = true
    private var tokens: [Token] = []
    private var comments: [SourceRange] = []
    private var diagnostics: [Diagnostic] = []

    private init(bytes: [UInt8], range: Range<Int>) {
        self.bytes = bytes
        self.offset = range.lowerBound
        self.end = range.upperBound
    }

    /// lexedSource = { token | comment | whitespace } ;
    public static func tokens(in source: SourceFile) -> LexedSource {
        tokens(in: source, range: 0..<source.bytes.count)
    }

    /// The tokens of one part of a source (the expression inside a text's `\(...)`), located
    /// in the whole source; the end of the part is its end of file.
    static func tokens(in source: SourceFile, range: Range<Int>) -> LexedSource {
        var lexer = Lexer(bytes: source.bytes, range: range)
        lexer.run()
        return LexedSource(tokens: lexer.tokens, comments: lexer.comments, diagnostics: lexer.diagnostics)
    }

    private mutating func run() {
        skipByteOrderMark()
        while true {
            skipSpaceAndComments()
            guard offset < end else { break }
            lexToken()
        }
        tokens.append(Token(kind: .endOfFile, range: SourceRange(start: end, end: end), startsLine: true))
    }

    private mutating func skipByteOrderMark() {
        if offset == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3 }
    }

    func peek(_ ahead: Int = 0) -> UInt8 {
        offset + ahead < end ? bytes[offset + ahead] : 0
    }

    private mutating func skipSpaceAndComments() {
        while offset < end {
            switch bytes[offset] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                offset += 1
            case UInt8(ascii: "\n"):
                offset += 1
                startsLine = true
            case UInt8(ascii: "#"):
                let start = offset
                while offset < end, bytes[offset] != UInt8(ascii: "\n") { offset += 1 }
                comments.append(SourceRange(start: start, end: offset))
            default:
                return
            }
        }
    }

    mutating func emit(_ kind: TokenKind, from start: Int) {
        tokens.append(Token(kind: kind, range: SourceRange(start: start, end: offset), startsLine: startsLine))
        startsLine = false
    }

    mutating func report(_ kind: DiagnosticKind, from start: Int, _ message: String, fix: String? = nil, replacement: String? = nil) {
        var diagnostic = Diagnostic(kind, at: SourceRange(start: start, end: max(offset, start + 1)), message, fix: fix)
        diagnostic.replacement = replacement
        diagnostics.append(diagnostic)
    }

    private mutating func lexToken() {
        let start = offset
        let byte = bytes[offset]
        if byte.isIdentifierStart {
            lexWord(from: start)
        } else if byte.isDigit {
            lexNumberOrDate(from: start)
        } else if byte == UInt8(ascii: "\"") {
            lexText(from: start)
        } else if let symbolLength = currencySymbolLength(), (peek(symbolLength)).isDigit {
            offset += symbolLength
            lexNumberBody(token: start)
            emit(.money, from: start)
        } else if lexSpacedMoney(from: start) {
            return
        } else if let kind = lexPunctuation() {
            emit(kind, from: start)
        } else if let substitute = lexForeignSyntax(from: start) {
            emit(substitute, from: start)
        } else {
            lexInvalid(from: start)
        }
    }

    private mutating func lexWord(from start: Int) {
        while offset < end, bytes[offset].isIdentifierContinue { offset += 1 }
        emit(Keyword.matching(bytes[start..<offset]).map(TokenKind.keyword) ?? .identifier, from: start)
    }

    /// text = '"' { character | "\" ( '"' | "\" | "n" | "t" ) } '"' ;
    /// text = '"' { character | "\" ( '"' | "\" | "n" | "t" ) | "\(" expression ")" } '"' ;
    ///
    /// The whole literal is one token, interpolations included; the parser reads the
    /// expressions inside `\(...)` from their part of the source.
    private mutating func lexText(from start: Int) {
        offset += 1
        while offset < end {
            switch bytes[offset] {
            case UInt8(ascii: "\""):
                offset += 1
                emit(.text, from: start)
                return
            case UInt8(ascii: "\\"):
                let escapeStart = offset
                offset += 1
                if peek() == UInt8(ascii: "(") {
                    offset += 1
                    let valueStart = offset
                    guard skipInterpolation() else {
                        // The text most likely ends at the next quote on the line; what follows
                        // it (a comment, say) is read as usual.
                        offset = valueStart
                        while offset < end, bytes[offset] != UInt8(ascii: "\n"), bytes[offset] != UInt8(ascii: "\"") { offset += 1 }
                        if peek() == UInt8(ascii: "\"") { offset += 1 }
                        report(
                            .unterminatedText, from: escapeStart, "`\\(` is not closed: the value shown in the text needs its `)` on this line",
                            fix: "add `)` after the value, then the closing `\"`")
                        emit(.text, from: start)
                        return
                    }
                } else if !"\"\\nt".utf8.contains(peek()) {
                    if offset < end { offset += 1 }
                    report(
                        .invalidEscape, from: escapeStart, "unknown escape in text",
                        fix: "the escapes are \\\" \\\\ \\n \\t, and \\(expression) to show a value")
                } else {
                    offset += 1
                }
            case UInt8(ascii: "\n"):
                report(.unterminatedText, from: start, "text is not closed before the end of the line", fix: "add a closing `\"`")
                emit(.text, from: start)
                return
            default:
                offset += 1
            }
        }
        report(
            .unterminatedText, from: start, "text is not closed before the end of the \(offset < bytes.count ? "line" : "file")",
            fix: "add a closing `\"`")
        emit(.text, from: start)
    }

    /// Where the `)` closing an interpolation whose expression starts at `start` is, or nil
    /// when the line (or `end`) comes first.
    static func interpolationEnd(in source: SourceFile, from start: Int, end: Int) -> Int? {
        var lexer = Lexer(bytes: source.bytes, range: start..<end)
        guard lexer.skipInterpolation() else { return nil }
        return lexer.offset - 1
    }

    /// Skips an interpolation's expression up to its closing `)`, following nested brackets
    /// and text (which may interpolate in turn); false when a line ends first.
    private mutating func skipInterpolation() -> Bool {
        var depth = 1
        while offset < end, bytes[offset] != UInt8(ascii: "\n") {
            switch bytes[offset] {
            case UInt8(ascii: "("): depth += 1
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 {
                    offset += 1
                    return true
                }
            case UInt8(ascii: "\""):
                guard skipNestedText() else { return false }
                continue
            default: break
            }
            offset += 1
        }
        return false
    }

    /// Skips a text literal inside an interpolation; false when a line ends first.
    private mutating func skipNestedText() -> Bool {
        offset += 1
        while offset < end, bytes[offset] != UInt8(ascii: "\n") {
            switch bytes[offset] {
            case UInt8(ascii: "\""):
                offset += 1
                return true
            case UInt8(ascii: "\\"):
                offset += 1
                if peek() == UInt8(ascii: "(") {
                    offset += 1
                    guard skipInterpolation() else { return false }
                    continue
                }
                offset += 1
            default:
                offset += 1
            }
        }
        return false
    }

    private mutating func lexPunctuation() -> TokenKind? {
        let byte = peek(), next = peek(1)
        let two: TokenKind? =
            switch (byte, next) {
            case (UInt8(ascii: "="), UInt8(ascii: "=")): .equalEqual
            case (UInt8(ascii: "!"), UInt8(ascii: "=")): .notEqual
            case (UInt8(ascii: "<"), UInt8(ascii: "=")): .lessEqual
            case (UInt8(ascii: ">"), UInt8(ascii: "=")): .greaterEqual
            case (UInt8(ascii: "?"), UInt8(ascii: "?")): .questionQuestion
            default: nil
            }
        if let two {
            offset += 2
            return two
        }
        if byte == UInt8(ascii: "."), next == UInt8(ascii: ".") {
            if peek(2) == UInt8(ascii: "<") {
                offset += 3
                return .halfOpenRange
            }
            if peek(2) == UInt8(ascii: ".") {
                offset += 3
                return .openRange
            }
            return nil
        }
        let one: TokenKind? =
            switch byte {
            case UInt8(ascii: "("): .leftParen
            case UInt8(ascii: ")"): .rightParen
            case UInt8(ascii: "["): .leftBracket
            case UInt8(ascii: "]"): .rightBracket
            case UInt8(ascii: "{"): .leftBrace
            case UInt8(ascii: "}"): .rightBrace
            case UInt8(ascii: ","): .comma
            case UInt8(ascii: ":"): .colon
            case UInt8(ascii: ";"): .semicolon
            case UInt8(ascii: "."): .dot
            case UInt8(ascii: "+"): .plus
            case UInt8(ascii: "-"): .minus
            case UInt8(ascii: "*"): .star
            case UInt8(ascii: "/"): .slash
            case UInt8(ascii: "="): .equal
            case UInt8(ascii: "<"): .less
            case UInt8(ascii: ">"): .greater
            case UInt8(ascii: "?"): .question
            default: nil
            }
        if one != nil { offset += 1 }
        return one
    }

    /// Operators and quotes from other languages (`&&`, `||`, `!`, 'text', “text”): reported
    /// once with the fix, then read as what they were meant to be, so the parser goes on
    /// without a cascade of follow-on errors.
    private mutating func lexForeignSyntax(from start: Int) -> TokenKind? {
        let pairs: [(String, TokenKind, String)] = [("&&", .keyword(.and), "and"), ("||", .keyword(.or), "or")]
        for (spelling, kind, word) in pairs where bytes[offset..<end].starts(with: spelling.utf8) {
            offset += 2
            report(.invalidCharacter, from: start, "`\(spelling)` is not an operator", fix: "write `\(word)`")
            return kind
        }
        if peek() == UInt8(ascii: "!") {
            offset += 1
            report(.invalidCharacter, from: start, "`!` is not an operator", fix: "write `not x`, or `!=` for not equal")
            return .keyword(.not)
        }
        let quotes: [(open: [UInt8], close: [UInt8])] = [
            (Array("'".utf8), Array("'".utf8)), (Array("“".utf8), Array("”".utf8)), (Array("‘".utf8), Array("’".utf8)),
        ]
        for quote in quotes where bytes[offset..<end].starts(with: quote.open) {
            var close = offset + quote.open.count
            while close < end, bytes[close] != UInt8(ascii: "\n"), !bytes[close..<end].starts(with: quote.close) { close += 1 }
            guard close < end, bytes[close..<end].starts(with: quote.close) else { return nil }
            offset = close + quote.close.count
            let inner = String(decoding: bytes[(start + quote.open.count)..<close], as: UTF8.self)
            report(.invalidCharacter, from: start, "text is written in straight double quotes", fix: "write \"\(inner)\"")
            return .text
        }
        return nil
    }

    /// Skips one bad character (a whole UTF-8 sequence when valid) and says what to write instead.
    private mutating func lexInvalid(from start: Int) {
        let byte = bytes[offset]
        let length = utf8SequenceLength(at: offset)
        guard let length else {
            offset += 1
            report(
                .invalidEncoding, from: start, "the file is not valid UTF-8 here (byte 0x\(String(byte, radix: 16, uppercase: true)))",
                fix: "save the file as UTF-8")
            return
        }
        offset += length
        let character = String(decoding: bytes[start..<offset], as: UTF8.self)
        let (message, fix) = Messages.invalidCharacter(character, followedBy: peek())
        report(.invalidCharacter, from: start, message, fix: fix)
    }

    private func utf8SequenceLength(at index: Int) -> Int? {
        let lead = bytes[index]
        let length: Int
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return nil
        }
        guard index + length <= end else { return nil }
        for continuation in bytes[(index + 1)..<(index + length)] where continuation & 0xC0 != 0x80 { return nil }
        return length
    }
}

extension UInt8 {
    var isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
    var isIdentifierStart: Bool {
        (self >= UInt8(ascii: "a") && self <= UInt8(ascii: "z")) || (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z"))
            || self == UInt8(ascii: "_")
    }
    var isIdentifierContinue: Bool { isIdentifierStart || isDigit }
}
