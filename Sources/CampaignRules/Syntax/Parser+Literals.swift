// Turns the text of literal tokens into values: numbers with suffixes, percents, money, dates, text.

extension Parser {
    /// Decodes a number, money or date token into a literal expression.
    mutating func decodeLiteral(_ token: Token) throws(SyntaxFailure) -> Expression {
        let spelling = text(of: token)
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

    static func splitCurrency(_ spelling: String) -> (CurrencyMark, Substring) {
        if spelling.hasPrefix("$") { return (.campaign, spelling.dropFirst()) }
        if spelling.hasPrefix("€") { return (.code("EUR"), spelling.dropFirst()) }
        return (.code("GBP"), spelling.dropFirst())
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
        if body.last == UInt8(ascii: "k") { scale = 3; body.removeLast() }
        else if body.last == UInt8(ascii: "M") { scale = 6; body.removeLast() }
        if isPercent { scale -= 2 }
        let underscore = UInt8(ascii: "_")
        var digits: [UInt8] = []
        digits.reserveCapacity(body.count)
        for (index, byte) in body.enumerated() {
            guard byte == underscore else { digits.append(byte); continue }
            // `_` only between two digits: `1_000`, never `1__0`, `1_`, `1_.5` or `1._5`.
            let before = index > 0 ? body[index - 1] : 0, after = index + 1 < body.count ? body[index + 1] : 0
            guard before.isDigit, after.isDigit else {
                throw fail("`\(spelling)` has a misplaced `_`", at: token.range,
                           fix: "use `_` only between digits, as in `1_000`", kind: .invalidNumber)
            }
        }
        let parsed = digits.withUnsafeBufferPointer { DecimalNumber.parse(utf8: $0) }
        let digitLimit = min(limits.maximumLiteralDigits, Limits.arithmeticDigits)
        guard let parsed, let value = parsed.scaled(byPowerOfTen: scale),
              Int(value.coefficient.decimalDigitCount) <= digitLimit,
              value.isZero || abs(value.adjustedExponent) <= limits.maximumLiteralExponent else {
            throw fail(Messages.literalOutOfRange(String(spelling), digits: digitLimit, exponent: limits.maximumLiteralExponent),
                       at: token.range, kind: .limitExceeded)
        }
        return (value, isPercent)
    }

    /// Decodes a text token's escapes; the lexer has already reported bad ones.
    func decodeText(_ token: Token) -> String {
        var scalars = String.UnicodeScalarView()
        let spelling = text(of: token)
        var inner = Substring(spelling).unicodeScalars.dropFirst()
        // Text in the wrong quotes was reported by the lexer; its closing quote is dropped too.
        if let first = spelling.unicodeScalars.first, let last = inner.last,
           (first == "\"" && last == "\"") || (first != "\"" && "'”’".unicodeScalars.contains(last)) {
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
