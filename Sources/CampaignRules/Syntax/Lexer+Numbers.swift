// Numbers, money and dates, and the ways people write money elsewhere: `$20,000`, `5000$`,
// `$ 250`, `25 USD`. Each such slip is one error whose fix keeps the amount meant, and the
// token is still read as that amount, so nothing after it is misread.

extension Lexer {
    /// date = digit digit digit digit "-" digit digit "-" digit digit ;
    mutating func lexNumberOrDate(from start: Int) {
        if looksLikeDate(allowingTime: true) {
            offset += 10
            if peek() == UInt8(ascii: "T") {
                lexTime(from: start)
                emit(.timestamp, from: start)
            } else {
                emit(.date, from: start)
            }
            return
        }
        lexNumberBody(token: start)
        if lexTrailingCurrency(from: start) { return }
        emit(.number, from: start)
    }

    private func looksLikeDate(allowingTime: Bool) -> Bool {
        let pattern: [Bool] = [true, true, true, true, false, true, true, false, true, true]
        for (index, wantsDigit) in pattern.enumerated() {
            let byte = peek(index)
            if wantsDigit ? !byte.isDigit : byte != UInt8(ascii: "-") { return false }
        }
        return !peek(10).isIdentifierContinue || (allowingTime && peek(10) == UInt8(ascii: "T") && peek(11).isDigit)
    }

    /// timestamp = date "T" hh ":" mm ":" ss [ "." digits ] ( "Z" | ( "+" | "-" ) hh ":" mm ) ;
    ///
    /// The part after the date; a timestamp without its offset from UTC is an error, since
    /// the instant it names would depend on where the file is read.
    private mutating func lexTime(from start: Int) {
        offset += 1
        func digits(_ count: Int) -> Bool {
            for index in 0..<count where !peek(index).isDigit { return false }
            offset += count
            return true
        }
        func symbol(_ byte: UInt8) -> Bool {
            guard peek() == byte else { return false }
            offset += 1
            return true
        }
        var wellFormed = digits(2) && symbol(UInt8(ascii: ":")) && digits(2) && symbol(UInt8(ascii: ":")) && digits(2)
        if wellFormed, peek() == UInt8(ascii: "."), peek(1).isDigit {
            offset += 1
            while peek().isDigit { offset += 1 }
        }
        var hasOffset = false
        if wellFormed {
            if symbol(UInt8(ascii: "Z")) {
                hasOffset = true
            } else if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") {
                offset += 1
                hasOffset = digits(2) && symbol(UInt8(ascii: ":")) && digits(2)
                wellFormed = hasOffset
            }
        }
        // A complete timestamp may be followed by `:` (a tier bracket's or a `when` arm's),
        // which then is not part of it.
        while peek().isIdentifierContinue || peek() == UInt8(ascii: ".") || (peek() == UInt8(ascii: ":") && !(wellFormed && hasOffset)) {
            offset += 1
            wellFormed = false
        }
        if !wellFormed {
            report(
                .invalidDate, from: start, "`\(String(decoding: bytes[start..<offset], as: UTF8.self))` is not a timestamp",
                fix: "write an ISO 8601 instant with its offset from UTC: `2026-03-14T23:30:00Z` or `2026-03-14T18:30:00-05:00`")
        } else if !hasOffset {
            report(
                .invalidDate, from: start,
                "`\(String(decoding: bytes[start..<offset], as: UTF8.self))` has no offset from UTC, so it names no single instant",
                fix: "add `Z` for UTC or the offset, as in `\(String(decoding: bytes[start..<offset], as: UTF8.self))Z`")
        }
    }

    /// number = digits [ "." digits ] [ ("e" | "E") [ "+" | "-" ] digits ] [ "k" | "M" ] [ "%" ] ;
    /// digits = digit { digit | "_" } ;
    ///
    /// `token` is where the whole token starts (at its currency symbol, for money), for errors.
    mutating func lexNumberBody(token: Int) {
        let start = offset
        skipDigits()
        let groupedThousands = skipThousandsGroups()
        if peek() == UInt8(ascii: "."), peek(1).isDigit {
            offset += 1
            skipDigits()
        } else if peek() == UInt8(ascii: "."), peek(1) != UInt8(ascii: "."), !peek(1).isIdentifierStart {
            offset += 1
            report(
                .invalidNumber, from: start, "a number needs digits after its decimal point",
                fix:
                    "write `\(String(decoding: bytes[start..<(offset - 1)], as: UTF8.self))` or `\(String(decoding: bytes[start..<offset], as: UTF8.self))0`"
            )
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            let signed = peek(1) == UInt8(ascii: "+") || peek(1) == UInt8(ascii: "-")
            if peek(signed ? 2 : 1).isDigit {
                offset += signed ? 2 : 1
                skipDigits()
            }
        }
        if peek() == UInt8(ascii: "k") || peek() == UInt8(ascii: "M"), !peek(1).isIdentifierContinue {
            offset += 1
        }
        if peek() == UInt8(ascii: "%") { offset += 1 }
        if peek().isIdentifierContinue {
            while offset < end, bytes[offset].isIdentifierContinue { offset += 1 }
            report(
                .invalidNumber, from: start, "`\(String(decoding: bytes[start..<offset], as: UTF8.self))` is not a number",
                fix: "numbers take only the suffixes `k` (thousand), `M` (million) and `%`")
            return
        }
        if groupedThousands { reportThousandsSeparator(token: token) }
    }

    private mutating func skipDigits() {
        while offset < end, bytes[offset].isDigit || bytes[offset] == UInt8(ascii: "_") { offset += 1 }
    }

    /// Skips `,000` groups: a comma directly followed by exactly three digits groups thousands
    /// (`$20,000`). Read as two list items it would pay `$20` and `0`.
    private mutating func skipThousandsGroups() -> Bool {
        var grouped = false
        while peek() == UInt8(ascii: ","), peek(1).isDigit, peek(2).isDigit, peek(3).isDigit,
            !peek(4).isDigit, peek(4) != UInt8(ascii: "_")
        {
            offset += 4
            grouped = true
        }
        return grouped
    }

    private mutating func reportThousandsSeparator(token: Int) {
        let spelling = String(decoding: bytes[token..<offset], as: UTF8.self)
        let meant = String(spelling.map { $0 == "," ? "_" : $0 })
        let items = spelling.replacingOccurrences(of: ",", with: ", ")
        report(
            .invalidNumber, from: token, "`\(spelling)` groups thousands with commas, which a number cannot hold",
            fix: "write `\(meant)`; if you meant separate items, put a space after each comma: `\(items)`", replacement: meant)
    }

    /// `$`, `€` (E2 82 AC) or `£` (C2 A3) followed by a digit starts money.
    func currencySymbolLength(ahead: Int = 0) -> Int? {
        if peek(ahead) == UInt8(ascii: "$") { return 1 }
        if peek(ahead) == 0xE2, peek(ahead + 1) == 0x82, peek(ahead + 2) == 0xAC { return 3 }
        if peek(ahead) == 0xC2, peek(ahead + 1) == 0xA3 { return 2 }
        return nil
    }

    /// `$ 250`: a currency symbol, spaces, then an amount. One error whose fix joins them; the
    /// token is read as the money meant.
    mutating func lexSpacedMoney(from start: Int) -> Bool {
        guard let symbolLength = currencySymbolLength() else { return false }
        var digits = symbolLength
        while peek(digits) == UInt8(ascii: " ") || peek(digits) == UInt8(ascii: "\t") { digits += 1 }
        guard digits > symbolLength, peek(digits).isDigit else { return false }
        let symbol = String(decoding: bytes[start..<(start + symbolLength)], as: UTF8.self)
        offset += digits
        let amountStart = offset
        lexNumberBody(token: start)
        let amount = String(decoding: bytes[amountStart..<offset], as: UTF8.self)
        report(
            .invalidNumber, from: start, "a currency symbol must be followed directly by its amount",
            fix: "write `\(symbol)\(amount)`")
        emit(.money, from: start)
        return true
    }

    /// `5000$` or `25 USD`: the currency after the amount. One error whose fix writes the money
    /// literal meant (grouping thousands with `_`); the token is read as that money.
    private mutating func lexTrailingCurrency(from start: Int) -> Bool {
        let amount = String(decoding: bytes[start..<offset], as: UTF8.self)
        if let symbolLength = currencySymbolLength() {
            let symbol = String(decoding: bytes[offset..<(offset + symbolLength)], as: UTF8.self)
            offset += symbolLength
            report(
                .invalidNumber, from: start, "a currency symbol goes before the amount",
                fix: "write `\(symbol)\(Lexer.grouped(amount))`")
            emit(.money, from: start)
            return true
        }
        var gap = 0
        while peek(gap) == UInt8(ascii: " ") { gap += 1 }
        guard gap > 0, (0..<3).allSatisfy({ peek(gap + $0) >= UInt8(ascii: "A") && peek(gap + $0) <= UInt8(ascii: "Z") }),
            !peek(gap + 3).isIdentifierContinue,
            let currency = Currency(code: String(decoding: bytes[(offset + gap)..<(offset + gap + 3)], as: UTF8.self))
        else {
            return false
        }
        offset += gap + 3
        let literal = Lexer.grouped(amount)
        let fix =
            currency.symbol.map { "write `\($0)\(literal)`" + (currency == .usd ? " (`$` is the campaign's currency)" : "") }
            ?? "write `$\(literal)` in a campaign whose currency is \(currency.code)"
        report(.invalidNumber, from: start, "an amount is written with its currency symbol first, not its code after it", fix: fix)
        emit(.money, from: start)
        return true
    }

    /// `5000` as `5_000`: digits grouped by three with `_`, as an amount is written.
    static func grouped(_ amount: String) -> String {
        guard !amount.contains("_"), !amount.contains("e"), !amount.contains("E") else { return amount }
        let integer = amount.prefix { $0.isASCII && $0.isNumber }
        guard integer.count > 3 else { return amount }
        var groups: [Substring] = []
        var end = integer.endIndex
        while end > integer.startIndex {
            let start = integer.index(end, offsetBy: -3, limitedBy: integer.startIndex) ?? integer.startIndex
            groups.insert(integer[start..<end], at: 0)
            end = start
        }
        return groups.joined(separator: "_") + amount.dropFirst(integer.count)
    }
}
