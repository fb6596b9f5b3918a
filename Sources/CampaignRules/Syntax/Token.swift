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
    /// `2026-03-14T23:30:00Z`, `2026-03-14T18:30:00-05:00`.
    case timestamp
    case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
    case comma, colon, semicolon, dot, halfOpenRange, openRange
    case plus, minus, star, slash
    case equal, equalEqual, notEqual, less, lessEqual, greater, greaterEqual, questionQuestion
    /// `?` after a type: `Date?`, a field that may be missing.
    case question
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
    /// The keyword these bytes spell, if any.
    ///
    /// Every keyword has at most eight letters, so a word is read as one 64-bit number (its
    /// bytes, first byte lowest) and matched against the keywords' numbers, without building a
    /// String. A test checks the numbers against the spellings.
    static func matching(_ word: ArraySlice<UInt8>) -> Keyword? {
        guard word.count <= 8 else { return nil }
        var packed: UInt64 = 0
        for (shift, byte) in zip(stride(from: 0, to: 64, by: 8), word) { packed |= UInt64(byte) << UInt64(shift) }
        return Keyword(packed: packed)
    }

    private init?(packed: UInt64) {
        let keyword: Keyword? =
            switch packed {
            case 0x0000_0000_0074_656C: .let
            case 0x0000_0000_0000_6E66: .fn
            case 0x0000_6472_6F63_6572: .record
            case 0x0000_0074_7570_6E69: .input
            case 0x0000_7475_7074_756F: .output
            case 0x6E67_6961_706D_6163: .campaign
            case 0x0000_0073_7265_6974: .tiers
            case 0x0000_0000_6E61_6C70: .plan
            case 0x0000_0000_7473_6574: .test
            case 0x0000_7463_6570_7865: .expect
            case 0x0000_006E_6576_6967: .given
            case 0x0000_0000_0072_6F66: .for
            case 0x0000_0000_0000_6E69: .in
            case 0x0000_0000_0000_6669: .if
            case 0x0000_0000_6E65_6874: .then
            case 0x0000_0000_6573_6C65: .else
            case 0x0000_0000_6E65_6877: .when
            case 0x0000_0000_0064_6E61: .and
            case 0x0000_0000_0000_726F: .or
            case 0x0000_0000_0074_6F6E: .not
            case 0x0000_0000_6575_7274: .true
            case 0x0000_0065_736C_6166: .false
            case 0x0000_0000_0000_7469: .it
            case 0x6574_6163_6F6C_6C61: .allocate
            case 0x0000_7373_6F72_6361: .across
            case 0x0000_0000_0000_7962: .by
            case 0x0079_6C6C_6175_7165: .equally
            case 0x0000_7964_6565_7267: .greedy
            case 0x0000_0065_7265_6877: .where
            case 0x0000_0000_7472_6F73: .sort
            case 0x0000_0000_656B_6174: .take
            case 0x0000_7463_656C_6573: .select
            default: nil
            }
        guard let keyword else { return nil }
        self = keyword
    }
}

extension TokenKind {
    var isKeyword: Bool {
        if case .keyword = self { return true }
        return false
    }

    /// How a token is named in a syntax error.
    var spelling: String {
        switch self {
        case .identifier: "a name"
        case .keyword(let word): "`\(word.rawValue)`"
        case .number: "a number"
        case .money: "an amount of money"
        case .text: "text"
        case .date: "a date"
        case .timestamp: "a timestamp"
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
        case .question: "`?`"
        case .endOfFile: "the end of the file"
        }
    }
}
