// Decides whether an entry is finished or continues on the next line, from its tokens.

import CampaignRules

/// Whether the text typed so far is a whole entry, judged by the library's lexer so that
/// brackets inside text (`"("`) or comments (`# {`) never count.
///
/// An entry goes on while a bracket or a block (`{` of `fn`, `when`, `tiers`, `plan`,
/// `record`, `test`) is open, or while its last token needs something after it: a binary
/// operator (`+`, `and`, `??`, `==`), `=`, `,`, `:`, `.`, or a word such as `then`, `where`,
/// `by` that the grammar always follows with an expression.
enum Continuation {
    static func needsMoreLines(_ text: String) -> Bool {
        var tracker = Tracker()
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) { tracker.add(String(line)) }
        return tracker.needsMore
    }

    /// Whether the entry, complete as far as brackets and trailing operators tell, still stops
    /// where the grammar needs more: `allocate $1_000 across picks` (then `by it.score`), `if a
    /// then b` (then `else c`). Parsed once per entry the tracker calls complete.
    static func endsTooSoon(_ entry: String) -> Bool {
        let prefix = SessionDeclaration.startsDeclaration(entry) ? "" : "let \(Session.resultName) = "
        let source = SourceFile(path: "input", text: prefix + entry)
        var end = source.bytes.count
        while end > 0, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(source.bytes[end - 1]) { end -= 1 }
        return Parser.parse(source).diagnostics.contains { $0.range.start >= end }
    }

    /// Follows an entry line by line, so each line typed or pasted is lexed once (text and
    /// comments never span lines), however many lines the entry has.
    struct Tracker {
        private var depth = 0
        /// A closing bracket with nothing open: more lines will not fix it; the parser says so.
        private var stray = false
        private var last: TokenKind?

        mutating func add(_ line: String) {
            for token in Lexer.tokens(in: SourceFile(path: "input", text: line)).tokens where token.kind != .endOfFile {
                switch token.kind {
                case .leftParen, .leftBracket, .leftBrace: depth += 1
                case .rightParen, .rightBracket, .rightBrace:
                    depth -= 1
                    if depth < 0 { stray = true }
                default: break
                }
                last = token.kind
            }
        }

        var needsMore: Bool {
            guard !stray else { return false }
            if depth > 0 { return true }
            return last.map(Continuation.expectsMore) ?? false
        }
    }

    /// Tokens that cannot end an entry because the grammar always follows them with more.
    static func expectsMore(_ kind: TokenKind) -> Bool {
        switch kind {
        case .plus, .minus, .star, .slash, .equal, .equalEqual, .notEqual, .less, .lessEqual,
            .greater, .greaterEqual, .questionQuestion, .comma, .colon, .dot, .halfOpenRange:
            return true
        case .keyword(let word):
            return continuingKeywords.contains(word)
        default:
            return false
        }
    }

    private static let continuingKeywords: Set<Keyword> = [
        .and, .or, .not, .in, .if, .then, .else, .when, .where, .sort, .by, .across, .take, .select, .given, .for,
        .allocate, .greedy,
    ]
}
