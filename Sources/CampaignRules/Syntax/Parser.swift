// Builds the syntax tree from tokens by recursive descent, recovering after errors so one
// run reports every syntax error in a file.

/// The parser's result: a program (possibly missing the declarations that failed) and the
/// syntax errors, lexical ones included.
public struct ParsedSource: Sendable {
    public let source: SourceFile
    public let program: Program
    public let comments: [SourceRange]
    public let diagnostics: [Diagnostic]
}

/// The limits the parser applies, out of all of `Limits`. A debug build copies the parser on
/// many levels of its recursion, so every byte it holds costs stack on each level of a deeply
/// nested expression: holding the whole of `Limits`, one more limit took 50,000 levels past
/// the 1 GiB stack they run on.
struct ParserLimits {
    let maximumNesting: Int
    let maximumNodes: Int
    let literalDigitBound: Int
    let literalExponentBound: Int

    init(_ limits: Limits) {
        maximumNesting = limits.maximumNesting
        maximumNodes = limits.maximumNodes
        literalDigitBound = limits.literalDigitBound
        literalExponentBound = limits.literalExponentBound
    }
}

/// Thrown inside the parser to unwind to the nearest recovery point; the diagnostic has
/// already been recorded.
struct SyntaxFailure: Error {}

/// A recursive-descent parser with one token of lookahead.
///
/// Each parse function's doc comment carries its rule from `grammar/campaign-rules.ebnf`.
public struct Parser {
    let source: SourceFile
    var tokens: [Token]
    var position = 0
    var diagnostics: [Diagnostic] = []
    /// One entry per open bracket or block: true where line breaks are insignificant.
    var newlineModes: [Bool] = [false]
    /// How deeply the current expression nests; bounded so hostile input cannot exhaust the stack.
    var depth = 0
    /// Expression nodes built so far; bounded so a file cannot build an unbounded tree.
    var nodeCount = 0
    /// Set when the node limit is reached: parsing ends there, with that one error.
    var stopped = false
    /// Set when an expression nests past the limit: the rest of the declaration is skipped
    /// without further errors, since every enclosing bracket and block would only report a
    /// consequence (128 nested `when`s gave 129 errors).
    var abandoningDeclaration = false
    /// Nesting, node count and literal bounds.
    let limits: ParserLimits

    init(source: SourceFile, tokens: [Token], limits: ParserLimits) {
        self.source = source
        self.tokens = tokens
        self.limits = limits
    }

    /// Parses a whole file. Never fails: errors are in the result's diagnostics.
    ///
    /// A source holding imported files is parsed one file at a time, so a bracket left open at
    /// the end of one file cannot swallow the next; the tests of imported files are left out.
    public static func parse(_ source: SourceFile, limits: Limits = .default) -> ParsedSource {
        var declarations: [Declaration] = [], comments: [SourceRange] = [], lexical: [Diagnostic] = [], syntax: [Diagnostic] = []
        var nodeCount = 0
        for (index, part) in source.partRanges.enumerated() {
            let lexed = Lexer.tokens(in: source, range: part)
            var parser = Parser(source: source, tokens: lexed.tokens, limits: ParserLimits(limits))
            parser.nodeCount = nodeCount
            let program = parser.parseProgram()
            if index == 0 {
                // Taken whole, not copied: a file without imports is this one part.
                (declarations, comments, lexical, syntax) = (program.declarations, lexed.comments, lexed.diagnostics, parser.diagnostics)
            } else {
                declarations += program.declarations.filter { !$0.isTest }
                comments += lexed.comments
                lexical += lexed.diagnostics
                syntax += parser.diagnostics
            }
            nodeCount = parser.nodeCount
            if parser.stopped { break }
        }
        let all = (lexical + Parser.withoutCascades(syntax, after: lexical, in: source)).sorted()
        return ParsedSource(source: source, program: Program(declarations: declarations), comments: comments, diagnostics: all)
    }

    /// Drops the diagnostics on lines where an earlier stage already reported a problem: they
    /// are almost always consequences of it, and one clear error per mistake reads better.
    static func withoutCascades(_ diagnostics: [Diagnostic], after earlier: [Diagnostic], in source: SourceFile) -> [Diagnostic] {
        let reportedLines = Set(earlier.map { source.lineNumber(of: $0.range.start) })
        return diagnostics.filter { !reportedLines.contains(source.lineNumber(of: $0.range.start)) }
    }

    // MARK: - Token access

    var current: Token { tokens[position] }
    var previous: Token { tokens[max(0, position - 1)] }

    func peek(_ ahead: Int) -> Token {
        tokens[min(position + ahead, tokens.count - 1)]
    }

    mutating func advance() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    func check(_ kind: TokenKind) -> Bool { current.kind == kind }
    func check(_ keyword: Keyword) -> Bool { current.kind == .keyword(keyword) }

    /// True when the current token is the contextual word `word` (`min`, `asc`, `of`, ...).
    func checkWord(_ word: String) -> Bool {
        current.kind == .identifier && text(of: current) == word
    }

    mutating func match(_ kind: TokenKind) -> Bool {
        guard check(kind) else { return false }
        _ = advance()
        return true
    }

    mutating func match(_ keyword: Keyword) -> Bool { match(.keyword(keyword)) }

    func text(of token: Token) -> String { source.text(in: token.range) }

    /// Whether the current token may continue the expression before it: always inside
    /// brackets, and elsewhere only when it stands on the same line — except the words that
    /// can only continue an expression (`and`, `or`, `where`, `sort`, `take`, `select`), which
    /// may start a line, so long queries and conditions read one clause per line.
    var continuesLine: Bool {
        if newlineModes.last == true || !current.startsLine { return true }
        // A word followed by `:` starts a record's field (`select: Text`), not a clause.
        if peek(1).kind == .colon { return false }
        switch current.kind {
        case .keyword(.and), .keyword(.or), .keyword(.where), .keyword(.sort), .keyword(.take), .keyword(.select): return true
        default: return startsGroupClause || startsRunningClause
        }
    }

    /// `group by`: `group` is an ordinary word anywhere else.
    var startsGroupClause: Bool {
        checkWord("group") && peek(1).kind == .keyword(.by)
    }

    /// `running NAME:`: `running` is an ordinary word anywhere else.
    var startsRunningClause: Bool {
        checkWord("running") && peek(1).kind == .identifier && peek(2).kind == .colon
    }

    // MARK: - Errors

    mutating func fail(
        _ message: String, at range: SourceRange? = nil, fix: String? = nil,
        kind: DiagnosticKind = .unexpectedToken
    ) -> SyntaxFailure {
        guard !stopped, !abandoningDeclaration else { return SyntaxFailure() }
        var diagnostic = Diagnostic(kind, at: range ?? current.range, message, fix: fix)
        if let note = unclosedBracketNote() { diagnostic.notes.append(note) }
        diagnostics.append(diagnostic)
        return SyntaxFailure()
    }

    /// When a declaration keyword shows up inside open brackets, the likely cause is a bracket
    /// left open on an earlier line; say where.
    func unclosedBracketNote() -> Diagnostic.Note? {
        guard current.startsLine, case .keyword(let word) = current.kind, Parser.declarationKeywords.contains(word),
            peek(1).kind != .colon
        else { return nil }
        var open: [Token] = []
        for token in tokens[..<position] {
            switch token.kind {
            case .leftParen, .leftBracket, .leftBrace: open.append(token)
            case .rightParen, .rightBracket, .rightBrace: _ = open.popLast()
            default: break
            }
        }
        // `let` also starts lines inside blocks, so inside a `{` it says nothing about brackets.
        guard let unclosed = open.last, word != .let || unclosed.kind != .leftBrace else { return nil }
        return Diagnostic.Note(message: "\(unclosed.kind.spelling) opened here is not closed", range: unclosed.range)
    }

    /// The context is only put into words when the token is wrong.
    mutating func expect(_ kind: TokenKind, _ context: @autoclosure () -> String) throws(SyntaxFailure) -> Token {
        guard check(kind) else {
            throw fail(Messages.expected(kind.spelling, context(), found: current.kind.spelling))
        }
        return advance()
    }

    mutating func expect(_ keyword: Keyword, _ context: @autoclosure () -> String) throws(SyntaxFailure) -> Token {
        try expect(.keyword(keyword), context())
    }

    mutating func expectIdentifier(_ context: @autoclosure () -> String) throws(SyntaxFailure) -> Identifier {
        guard check(.identifier) else {
            let fix: String? =
                if case .keyword(let word) = current.kind {
                    "`\(word.rawValue)` is a reserved word; choose another name"
                } else { nil }
            throw fail(Messages.expected("a name", context(), found: current.kind.spelling), fix: fix)
        }
        let token = advance()
        return Identifier(name: text(of: token), range: token.range)
    }

    /// Runs `body` with line breaks made significant (`false`) or not (`true`).
    mutating func withNewlines<T>(ignored: Bool, _ body: (inout Parser) throws(SyntaxFailure) -> T) throws(SyntaxFailure) -> T {
        newlineModes.append(ignored)
        defer { newlineModes.removeLast() }
        return try body(&self)
    }

    /// Counts one level of nesting for the duration of `body`.
    mutating func nested<T>(_ body: (inout Parser) throws(SyntaxFailure) -> T) throws(SyntaxFailure) -> T {
        try enterNesting()
        defer { depth -= 1 }
        return try body(&self)
    }

    mutating func enterNesting() throws(SyntaxFailure) {
        depth += 1
        if depth > limits.maximumNesting {
            let failure = fail(Messages.nestingTooDeep(limit: limits.maximumNesting), kind: .limitExceeded)
            abandoningDeclaration = true
            throw failure
        }
    }

    /// Builds one expression node, counting it against `maximumNodes`.
    mutating func node(_ kind: ExpressionKind, _ range: SourceRange) throws(SyntaxFailure) -> Expression {
        nodeCount += 1
        if nodeCount > limits.maximumNodes {
            // Every later declaration would fail the same way, and the recovery inside the
            // current one would only report consequences: stop at the end of the input.
            let failure = fail(Messages.tooManyNodes(limit: limits.maximumNodes), at: range, kind: .limitExceeded)
            stopped = true
            position = tokens.count - 1
            throw failure
        }
        return Expression(kind, range)
    }

    // MARK: - Statement boundaries

    /// A statement ends at a line break, `;`, a closing brace or the end of the file.
    mutating func expectEndOfStatement(_ what: @autoclosure () -> String) throws(SyntaxFailure) {
        if match(.semicolon) { return }
        if current.startsLine || check(.rightBrace) || check(.endOfFile) { return }
        if let commaInNumber = commaInNumber() { throw commaInNumber }
        throw fail(Messages.expectedLineEnd(after: what(), found: current.kind.spelling))
    }

    /// A line that starts with an operator (`+ 200` under `let total = 100`): the statement
    /// above ended at its line break, so the operator has nothing before it. Nil for any other
    /// token. Said once, where the line starts, with the two ways to continue an expression.
    mutating func operatorStartingLine() -> SyntaxFailure? {
        guard current.startsLine else { return nil }
        switch current.kind {
        case .plus, .star, .slash, .equalEqual, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .questionQuestion:
            let symbol = text(of: current)
            return fail(
                "a line cannot start with `\(symbol)`: the statement above ended at its line break",
                fix: "end the line above with `\(symbol)` to go on (`100 \(symbol)`), or put the whole expression in parentheses")
        default:
            return nil
        }
    }

    /// `1,5` or `1.234,56` where one number was meant: a decimal comma, as many countries write
    /// it (a comma grouping thousands, `1,000`, is the lexer's). Nil unless the number, the
    /// comma and the digits after it touch.
    mutating func commaInNumber() -> SyntaxFailure? {
        guard check(.comma), previous.kind == .number || previous.kind == .money, peek(1).kind == .number,
            previous.range.end == current.range.start, current.range.end == peek(1).range.start
        else { return nil }
        let whole = text(of: previous), fraction = text(of: peek(1))
        let written = whole + "," + fraction
        let thousands = whole.split(separator: ".", omittingEmptySubsequences: false)
        let meant: String
        if thousands.count > 1, thousands.dropFirst().allSatisfy({ $0.count == 3 }) {
            // `1.234,56`: points group thousands and the comma is the decimal point.
            meant = thousands.joined(separator: "_") + "." + fraction
        } else if !whole.contains(".") {
            meant = whole + "." + fraction
        } else {
            return fail("numbers do not contain commas: `\(written)`", kind: .invalidNumber)
        }
        return fail(
            "numbers do not contain commas: `\(written)`",
            fix: "write `\(meant)` if the comma is a decimal point", kind: .invalidNumber)
    }

    static let declarationKeywords: Set<Keyword> = [.let, .fn, .record, .input, .output, .campaign, .tiers, .plan, .test]

    /// After an error at the top level, skips to the next line that starts a declaration.
    /// The token the error stopped at is kept when it already starts such a line.
    mutating func recoverToDeclaration(from start: Int) {
        abandoningDeclaration = false
        if position == start { _ = advance() }
        while !check(.endOfFile) {
            if startsDeclarationLine { return }
            _ = advance()
        }
    }

    /// Whether the current token starts a line with a declaration (`let` included); a word
    /// followed by `:` names a record's field instead (`plan: Text`).
    var startsDeclarationLine: Bool {
        guard current.startsLine, peek(1).kind != .colon else { return false }
        if case .keyword(let word) = current.kind { return Parser.declarationKeywords.contains(word) }
        return startsEnumDeclaration
    }

    /// After an error inside a block, skips to the next line of the same block (or its `}`).
    mutating func recoverToBlockItem(from start: Int) {
        var open = 0
        if position == start, !check(.rightBrace) { _ = advance() }
        while !check(.endOfFile) {
            if open == 0 {
                if check(.rightBrace) || current.startsLine { return }
            } else if startsDeclarationLine {
                return
            }
            switch current.kind {
            case .leftParen, .leftBracket, .leftBrace: open += 1
            case .rightParen, .rightBracket, .rightBrace: open = max(0, open - 1)
            default: break
            }
            _ = advance()
        }
    }

    /// Parses `{ item* }` with significant line breaks, recovering per item.
    ///
    /// block = "{" { item ( newline | ";" ) } "}" ;
    mutating func parseBlock(_ context: String, item: (inout Parser) throws(SyntaxFailure) -> Void) throws(SyntaxFailure) -> SourceRange {
        let open = try expect(.leftBrace, context)
        try withNewlines(ignored: false) { (parser: inout Parser) throws(SyntaxFailure) in
            while !parser.check(.rightBrace) && !parser.check(.endOfFile) {
                if parser.current.startsLine, !parser.check(.let), parser.startsDeclarationLine {
                    break
                }
                let before = parser.position
                do throws(SyntaxFailure) {
                    try item(&parser)
                } catch {
                    if parser.abandoningDeclaration { throw error }
                    parser.recoverToBlockItem(from: before)
                }
            }
        }
        let source = self.source
        let close = try expect(.rightBrace, "to close the \(context) opened at line \(source.location(of: open.range.start).line)")
        return open.range.joined(with: close.range)
    }
}
