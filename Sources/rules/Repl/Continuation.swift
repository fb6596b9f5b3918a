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
        let tokens = Lexer.tokens(in: SourceFile(path: "input", text: text)).tokens.filter { $0.kind != .endOfFile }
        var depth = 0
        for token in tokens {
            switch token.kind {
            case .leftParen, .leftBracket, .leftBrace: depth += 1
            case .rightParen, .rightBracket, .rightBrace:
                depth -= 1
                // A stray closing bracket will not be fixed by more lines; let the parser say so.
                if depth < 0 { return false }
            default: break
            }
        }
        if depth > 0 { return true }
        guard let last = tokens.last else { return false }
        return expectsMore(last.kind)
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
