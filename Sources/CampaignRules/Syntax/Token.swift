// The tokens the lexer produces: kinds, reserved words and the token record itself.

/// One token: its kind, where it is, and whether a line break came before it.
///
/// Newlines are not tokens. The parser decides where a line break ends a statement
/// (at the top level and in blocks) and where it does not (inside `( )`, `[ ]` and record
/// literals), using `startsLine`.
public struct Token: Sendable, Hashable {
    public let kind: TokenKind
    public let range: SourceRange
    /// True when a line break separates this token from the previous one.
    public let startsLine: Bool
}

public enum TokenKind: Sendable, Hashable {
    case identifier
    case keyword(Keyword)
    /// `12`, `1_000`, `12.5`, `10k`, `2.5M`, `1e3`, `12.5%`.
    case number
    /// `$1_250.50`, `€30`, `£30`.
    case money
    /// `"double quoted"`.
    case text
    /// `2026-03-01`.
    case date
    case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
    case comma, colon, semicolon, dot, halfOpenRange, openRange
    case plus, minus, star, slash
    case equal, equalEqual, notEqual, less, lessEqual, greater, greaterEqual, questionQuestion
    case endOfFile
}

/// Words the language reserves; they cannot name a declaration.
///
/// Words that only mean something in one place (`min`, `step`, `commission`, `asc`, `list`,
/// `to`, ...) stay identifiers so users may still name things with them.
public enum Keyword: String, Sendable, Hashable, CaseIterable {
    case `let`, fn, record, input, output, campaign, tiers, plan, test, expect, given
    case `for`, `in`, `if`, then, `else`, when, and, or, not, `true`, `false`, it
    case allocate, across, by, equally, greedy
    case `where`, sort, take, select
}

extension Keyword {
    /// Keywords by first letter, as bytes, so the lexer recognizes a word without building a String.
    private static let byFirstByte: [[(spelling: [UInt8], keyword: Keyword)]] = {
        var table = Array(repeating: [(spelling: [UInt8], keyword: Keyword)](), count: 128)
        for keyword in Keyword.allCases {
            let spelling = Array(keyword.rawValue.utf8)
            table[Int(spelling[0])].append((spelling, keyword))
        }
        return table
    }()

    /// The keyword these bytes spell, if any.
    static func matching(_ word: ArraySlice<UInt8>) -> Keyword? {
        guard let first = word.first, first < 128 else { return nil }
        for candidate in byFirstByte[Int(first)] where candidate.spelling.elementsEqual(word) { return candidate.keyword }
        return nil
    }
}

extension TokenKind {
    /// How a token is named in a syntax error.
    var spelling: String {
        switch self {
        case .identifier: "a name"
        case .keyword(let word): "`\(word.rawValue)`"
        case .number: "a number"
        case .money: "an amount of money"
        case .text: "text"
        case .date: "a date"
        case .leftParen: "`(`"
        case .rightParen: "`)`"
        case .leftBracket: "`[`"
        case .rightBracket: "`]`"
        case .leftBrace: "`{`"
        case .rightBrace: "`}`"
        case .comma: "`,`"
        case .colon: "`:`"
        case .semicolon: "`;`"
        case .dot: "`.`"
        case .halfOpenRange: "`..<`"
        case .openRange: "`...`"
        case .plus: "`+`"
        case .minus: "`-`"
        case .star: "`*`"
        case .slash: "`/`"
        case .equal: "`=`"
        case .equalEqual: "`==`"
        case .notEqual: "`!=`"
        case .less: "`<`"
        case .lessEqual: "`<=`"
        case .greater: "`>`"
        case .greaterEqual: "`>=`"
        case .questionQuestion: "`??`"
        case .endOfFile: "the end of the file"
        }
    }
}
