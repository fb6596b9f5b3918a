// Turns the text of literal tokens into values: numbers with suffixes, percents, money, dates, text.

extension Parser {
    /// Decodes a number, money, date or timestamp token into a literal expression.
    mutating func decodeLiteral(_ token: Token) throws(SyntaxFailure) -> Expression {
        if token.kind == .timestamp {
            let parsed = source.bytes[token.range.start..<token.range.end].withUnsafeBufferPointer { Timestamp.parse($0) }
            if case .failure(.outsideYears) = parsed {
                throw fail(
                    "`\(text(of: token))` is \(Timestamp.outsideYearsReason)", at: token.range,
                    fix: Timestamp.outsideYearsHint, kind: .invalidDate)
            }
            guard case .success(let instant) = parsed else {
                throw fail("`\(text(of: token))` is not a timestamp", at: token.range, fix: Timestamp.formatHint, kind: .invalidDate)
            }
            return try node(.timestamp(instant), token.range)
        }
        if token.kind == .number, let (value, isPercent) = plainNumber(token) {
            return try node(isPercent ? .percent(value) : .number(value), token.range)
        }
        if token.kind == .money, source.bytes[token.range.start] == UInt8(ascii: "$"),
            let (value, isPercent) = plainNumber(
                Token(
                    kind: .number, range: SourceRange(start: token.range.start + 1, end: token.range.end),
                    startsLine: token.startsLine)), !isPercent
        {
            return try node(.money(value, .campaign), token.range)
        }
        var spelling = text(of: token)
        if token.kind == .money || spelling.contains(",") { spelling = Parser.withoutSlips(spelling) }
        switch token.kind {
        case .date:
            guard let date = CalendarDate(iso: Substring(spelling)) else {
                throw fail("`\(spelling)` is not a calendar date", at: token.range, kind: .invalidDate)
            }
            return try node(.date(date), token.range)
        case .money:
            let (mark, digits) = Parser.splitCurrency(spelling)
            let (value, isPercent) = try decodeNumber(digits, token)
            if isPercent {
                throw fail("money cannot be a percent", at: token.range, fix: "write the percent without the currency symbol", kind: .invalidNumber)
            }
            return try node(.money(value, mark), token.range)
        default:
            let (value, isPercent) = try decodeNumber(Substring(spelling), token)
            return try node(isPercent ? .percent(value) : .number(value), token.range)
        }
    }

    /// A number token's value read straight from its bytes when it is plain digits (with `_`
    /// between them), an optional fraction and an optional `k`, `M` or `%`, and at most 19
    /// digits, as nearly every literal is; nil sends it through `decodeNumber`, which also
    /// words the errors.
    func plainNumber(_ token: Token) -> (DecimalNumber, Bool)? {
        let bytes = source.bytes
        var end = token.range.end
        guard end - token.range.start < 40 else { return nil }
        let isPercent = bytes[end - 1] == UInt8(ascii: "%")
        if isPercent { end -= 1 }
        var scale = isPercent ? -2 : 0
        if bytes[end - 1] == UInt8(ascii: "k") {
            scale += 3
            end -= 1
        } else if bytes[end - 1] == UInt8(ascii: "M") {
            scale += 6
            end -= 1
        }
        var coefficient: UInt64 = 0, digits = 0, fractionDigits = 0, sawPoint = false, previousWasDigit = false
        var index = token.range.start
        while index < end {
            let byte = bytes[index]
            if byte.isDigit {
                guard digits < 19 else { return nil }
                coefficient = coefficient * 10 + UInt64(byte - UInt8(ascii: "0"))
                digits += 1
                if sawPoint { fractionDigits += 1 }
                previousWasDigit = true
            } else if byte == UInt8(ascii: "_") {
                guard previousWasDigit, index + 1 < end, bytes[index + 1].isDigit else { return nil }
                previousWasDigit = false
            } else if byte == UInt8(ascii: "."), !sawPoint, previousWasDigit {
                sawPoint = true
                previousWasDigit = false
            } else {
                return nil
            }
            index += 1
        }
        guard digits > 0, previousWasDigit else { return nil }
        let parsed = DecimalNumber(isNegative: false, smallCoefficient: coefficient, storedExponent: Int32(-fractionDigits))
        guard let value = parsed.scaled(byPowerOfTen: scale), Int(value.coefficient.decimalDigitCount) <= limits.literalDigitBound,
            value.isZero || abs(value.adjustedExponent) <= limits.literalExponentBound
        else { return nil }
        return (value, isPercent)
    }

    static func splitCurrency(_ spelling: String) -> (CurrencyMark, Substring) {
        if spelling.hasPrefix("$") { return (.campaign, spelling.dropFirst()) }
        if spelling.hasPrefix("€") { return (.code("EUR"), spelling.dropFirst()) }
        if spelling.hasPrefix("£") { return (.code("GBP"), spelling.dropFirst()) }
        // `25 USD`, whose slip the lexer reported: the code names the currency.
        let code = String(spelling.suffix(3))
        return (code == "USD" ? .campaign : .code(code), spelling.dropLast(3))
    }

    /// A literal the lexer reported as a slip (`$20,000`, `5000$`, `$ 250`, `25 USD`) in its
    /// canonical spelling (`$20000`, `$5000`, `$250`, `25USD`), so it is still read as the
    /// amount meant and nothing after it is reported as a consequence.
    static func withoutSlips(_ spelling: String) -> String {
        var text = spelling.filter { $0 != "," && $0 != " " && $0 != "\t" }
        for symbol in ["$", "€", "£"] where text.hasSuffix(symbol) && !text.hasPrefix(symbol) {
            text = symbol + text.dropLast(symbol.count)
        }
        return text
    }

    /// number = digits [ "." digits ] [ exponent ] [ "k" | "M" ] [ "%" ] ;  (see the lexer for exponent)
    ///
    /// Works on the token's bytes: literals are the most common token in a rule file, so this
    /// avoids building strings for them.
    mutating func decodeNumber(_ spelling: Substring, _ token: Token) throws(SyntaxFailure) -> (DecimalNumber, Bool) {
        var body = Array(spelling.utf8)
        let isPercent = body.last == UInt8(ascii: "%")
        if isPercent { body.removeLast() }
        var scale = 0
        if body.last == UInt8(ascii: "k") {
            scale = 3
            body.removeLast()
        } else if body.last == UInt8(ascii: "M") {
            scale = 6
            body.removeLast()
        }
        if isPercent { scale -= 2 }
        let underscore = UInt8(ascii: "_")
        var digits: [UInt8] = []
        digits.reserveCapacity(body.count)
        for (index, byte) in body.enumerated() {
            guard byte == underscore else {
                digits.append(byte)
                continue
            }
            // `_` only between two digits: `1_000`, never `1__0`, `1_`, `1_.5` or `1._5`.
            let before = index > 0 ? body[index - 1] : 0, after = index + 1 < body.count ? body[index + 1] : 0
            guard before.isDigit, after.isDigit else {
                throw fail(
                    "`\(spelling)` has a misplaced `_`", at: token.range,
                    fix: "use `_` only between digits, as in `1_000`", kind: .invalidNumber)
            }
        }
        let parsed = digits.withUnsafeBufferPointer { DecimalNumber.parse(utf8: $0) }
        guard let parsed, let value = parsed.scaled(byPowerOfTen: scale),
            Int(value.coefficient.decimalDigitCount) <= limits.literalDigitBound,
            value.isZero || abs(value.adjustedExponent) <= limits.literalExponentBound
        else {
            throw fail(
                Messages.literalOutOfRange(String(spelling), digits: limits.literalDigitBound, exponent: limits.literalExponentBound),
                at: token.range, kind: .limitExceeded)
        }
        return (value, isPercent)
    }

    /// A text literal as an expression: plain text, or text with `\(...)` interpolations, whose
    /// expressions are parsed from their part of the source (so errors point into them).
    mutating func textLiteral(_ token: Token) throws(SyntaxFailure) -> Expression {
        guard hasInterpolation(token) else { return try node(.text(decodeText(token)), token.range) }
        let bytes = source.bytes
        let closed = token.range.end - token.range.start >= 2 && bytes[token.range.end - 1] == UInt8(ascii: "\"")
        let end = closed ? token.range.end - 1 : token.range.end
        var parts: [TextPart] = []
        var pending: [UInt8] = []
        var index = token.range.start + 1
        while index < end {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < end else {
                pending.append(byte)
                index += 1
                continue
            }
            let escaped = bytes[index + 1]
            guard escaped == UInt8(ascii: "(") else {
                pending.append(escaped == UInt8(ascii: "n") ? 10 : escaped == UInt8(ascii: "t") ? 9 : escaped)
                index += 2
                continue
            }
            if !pending.isEmpty { parts.append(.text(String(decoding: pending, as: UTF8.self))) }
            pending = []
            guard let close = Lexer.interpolationEnd(in: source, from: index + 2, end: end) else {
                throw fail("`\\(` is not closed on this line", at: SourceRange(start: index, end: index + 2), fix: "close it with `)`")
            }
            parts.append(.value(try interpolatedExpression(SourceRange(start: index + 2, end: close), opening: index)))
            index = close + 1
        }
        if !pending.isEmpty { parts.append(.text(String(decoding: pending, as: UTF8.self))) }
        return try node(.interpolation(parts), token.range)
    }

    /// Whether a text token has a `\(` (one whose backslash is not itself escaped).
    func hasInterpolation(_ token: Token) -> Bool {
        let bytes = source.bytes
        var index = token.range.start
        while index + 1 < token.range.end {
            if bytes[index] == UInt8(ascii: "\\") {
                if bytes[index + 1] == UInt8(ascii: "(") { return true }
                index += 2
            } else {
                index += 1
            }
        }
        return false
    }

    /// The expression inside `\(...)`, parsed by a parser of its own over that range.
    private mutating func interpolatedExpression(_ range: SourceRange, opening: Int) throws(SyntaxFailure) -> Expression {
        let lexed = Lexer.tokens(in: source, range: range.start..<range.end)
        diagnostics += lexed.diagnostics
        var inner = Parser(source: source, tokens: lexed.tokens, limits: limits)
        inner.depth = depth
        inner.nodeCount = nodeCount
        defer {
            diagnostics += inner.diagnostics
            nodeCount = inner.nodeCount
            if inner.stopped { stopped = true }
            if inner.abandoningDeclaration { abandoningDeclaration = true }
        }
        if inner.check(.endOfFile) {
            throw fail(
                "`\\()` shows nothing", at: SourceRange(start: opening, end: range.end + 1),
                fix: "put the value to show inside, as in `\\(o.order_id)`")
        }
        if !lexed.diagnostics.isEmpty { throw SyntaxFailure() }
        do throws(SyntaxFailure) {
            let expression = try inner.parseExpression()
            if !inner.check(.endOfFile) {
                throw inner.fail(Messages.expected("`)`", "to end the value shown in the text", found: inner.current.kind.spelling))
            }
            return expression
        } catch {
            // The inner parser's end of file is the `)` that closes the interpolation.
            inner.diagnostics = inner.diagnostics.map { diagnostic in
                Diagnostic(
                    diagnostic.kind, at: diagnostic.range,
                    diagnostic.message.replacingOccurrences(of: TokenKind.endOfFile.spelling, with: "`)`"),
                    notes: diagnostic.notes, fix: diagnostic.fix, severity: diagnostic.severity)
            }
            throw error
        }
    }

    /// Decodes a text token's escapes; the lexer has already reported bad ones.
    func decodeText(_ token: Token) -> String {
        // Most text is plain: straight quotes around it and no escapes.
        let bytes = source.bytes, start = token.range.start, end = token.range.end
        if end - start >= 2, bytes[start] == UInt8(ascii: "\""), bytes[end - 1] == UInt8(ascii: "\""),
            !bytes[(start + 1)..<(end - 1)].contains(UInt8(ascii: "\\"))
        {
            return String(decoding: bytes[(start + 1)..<(end - 1)], as: UTF8.self)
        }
        var scalars = String.UnicodeScalarView()
        let spelling = text(of: token)
        var inner = Substring(spelling).unicodeScalars.dropFirst()
        // Text in the wrong quotes was reported by the lexer; its closing quote is dropped too.
        if let first = spelling.unicodeScalars.first, let last = inner.last,
            (first == "\"" && last == "\"") || (first != "\"" && "'”’".unicodeScalars.contains(last))
        {
            inner = inner.dropLast()
        }
        var escaping = false
        for scalar in inner {
            if escaping {
                switch scalar {
                case "n": scalars.append("\n")
                case "t": scalars.append("\t")
                default: scalars.append(scalar)
                }
                escaping = false
            } else if scalar == "\\" {
                escaping = true
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
