// Reading amounts of money from cell text: symbols, signs, thousands separators and currency codes.

extension CellConverter {
    /// Currencies written with `$` in exports; `$` in a cell means one of these.
    private static let dollarCurrencies: Set<String> = ["USD", "CAD", "AUD", "NZD", "HKD", "SGD", "MXN"]

    /// A currency symbol at `index`: its byte length and the currency it names (`$` names USD
    /// here, and is also accepted for the other dollar currencies).
    static func currencySymbol(in text: UnsafeBufferPointer<UInt8>, at index: Int) -> (length: Int, currency: Currency)? {
        guard index < text.count else { return nil }
        if text[index] == UInt8(ascii: "$") { return (1, .usd) }
        if index + 2 < text.count, text[index] == 0xE2, text[index + 1] == 0x82, text[index + 2] == 0xAC { return (3, .eur) }
        if index + 1 < text.count, text[index] == 0xC2, text[index + 1] == 0xA3 { return (2, .gbp) }
        return nil
    }

    /// An amount of `currency`; a cell writing another currency is refused. `campaign` is the
    /// campaign's currency (nil when unknown), so the fix can tell a plain `Money` field from
    /// a `Money(EUR)` one.
    static func money(_ text: UnsafeBufferPointer<UInt8>, currency: Currency, campaign: Currency?) throws(CellProblem) -> DecimalNumber {
        let (amount, writtenCurrency) = try moneyParts(text)
        if let writtenCurrency, !written(writtenCurrency, standsFor: currency) {
            throw CellProblem(
                message: "expected Money in \(currency.code), found \(Excerpt.quoted(text)), an amount in \(writtenCurrency.code)",
                fix: otherCurrencyFix(field: currency, written: writtenCurrency, campaign: campaign))
        }
        return amount
    }

    /// What to do about an amount in `written` in a field of `field` amounts: for the campaign's
    /// own currency, convert or change the campaign; for a `Money(EUR)` field, write EUR or
    /// declare the field for the currency the data holds.
    private static func otherCurrencyFix(field: Currency, written: Currency, campaign: Currency?) -> String {
        guard let campaign, campaign != field else {
            return
                "this field holds \(field.code) amounts (the campaign's currency): convert the amounts, or set `currency: \(written.code)` in the campaign"
        }
        let declared =
            written == campaign
            ? "`Money` (amounts in \(campaign.code), the campaign's currency)"
            : "`Money(\(written.code))`"
        return "this field is declared `Money(\(field.code))`, so it holds \(field.code) amounts: write the amount in \(field.code), "
            + "or declare the field \(declared), or `Money(currency)` with a `currency` field naming each row's currency"
    }

    /// An amount and the currency the cell writes, if any: `$1,234.50`, `-€5`, `980.00 EUR`,
    /// `EUR 980.00`.
    static func moneyParts(_ text: UnsafeBufferPointer<UInt8>) throws(CellProblem) -> (DecimalNumber, Currency?) {
        var index = 0
        var isNegative = false
        var sawSign = false
        func readSign() {
            guard !sawSign, index < text.count, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") else { return }
            isNegative = text[index] == UInt8(ascii: "-")
            sawSign = true
            index += 1
        }
        var writtenCurrency: Currency?
        // `EUR 980.00`: a code, then spaces, before the amount.
        if text.count > 4, isLetter(text[0]), isLetter(text[1]), isLetter(text[2]), text[3] == UInt8(ascii: " "),
            let code = Currency(code: String(decoding: UnsafeBufferPointer(rebasing: text[0..<3]), as: UTF8.self))
        {
            writtenCurrency = code
            index = 3
            while index < text.count, text[index] == UInt8(ascii: " ") { index += 1 }
        }
        readSign()
        if writtenCurrency == nil, let symbol = currencySymbol(in: text, at: index) {
            writtenCurrency = symbol.currency
            index += symbol.length
            readSign()
        }

        // The amount: digits with commas between groups of three, then an optional fraction.
        let amountStart = index
        var integerDigits = 0
        var groupLength = 0
        var sawComma = false
        var badGrouping = false
        while index < text.count {
            let byte = text[index]
            if byte.isDigit {
                integerDigits += 1
                groupLength += 1
            } else if byte == UInt8(ascii: ",") {
                // The first group has one to three digits; every later group exactly three.
                if groupLength == 0 || groupLength > 3 || (sawComma && groupLength != 3) { badGrouping = true }
                sawComma = true
                groupLength = 0
            } else {
                break
            }
            index += 1
        }
        if sawComma, groupLength != 3 { badGrouping = true }
        var fractionDigits = 0
        if index < text.count, text[index] == UInt8(ascii: ".") {
            index += 1
            while index < text.count, text[index].isDigit {
                fractionDigits += 1
                index += 1
            }
        }
        let amountEnd = index

        // An optional ISO code after the amount, as in `1,500 JPY` (how amounts without a symbol display).
        while index < text.count, text[index] == UInt8(ascii: " ") { index += 1 }
        if index > amountEnd || (index < text.count && isLetter(text[index])) {
            let codeBytes = UnsafeBufferPointer(rebasing: text[index...])
            if codeBytes.count == 3, codeBytes.allSatisfy(isLetter), writtenCurrency == nil,
                let code = Currency(code: String(decoding: codeBytes, as: UTF8.self))
            {
                writtenCurrency = code
                index = text.count
            }
        }

        guard index == text.count, integerDigits + fractionDigits > 0, !badGrouping else {
            throw moneyProblem(text, badGrouping: badGrouping)
        }

        let amount = UnsafeBufferPointer(rebasing: text[amountStart..<amountEnd])
        let magnitude: DecimalNumber
        if sawComma {
            let digits = amount.filter { $0 != UInt8(ascii: ",") }
            magnitude = try digits.withUnsafeBufferPointer { digits throws(CellProblem) in try exactDecimal(digits, shown: text) }
        } else {
            magnitude = try exactDecimal(amount, shown: text)
        }
        return (isNegative ? magnitude.negated() : magnitude, writtenCurrency)
    }

    private static func moneyProblem(_ text: UnsafeBufferPointer<UInt8>, badGrouping: Bool) -> CellProblem {
        let message = "expected Money, found \(Excerpt.quoted(text))"
        if badGrouping {
            return CellProblem(
                message: message,
                fix: "use `.` for decimals and `,` only between groups of three digits, as in `1,234.50`")
        }
        if text.first == UInt8(ascii: "("), text.last == UInt8(ascii: ")") {
            return CellProblem(message: message, fix: "write a negative amount with a minus sign, as in `-5.00`")
        }
        if text.contains(UInt8(ascii: "e")) || text.contains(UInt8(ascii: "E")) {
            return CellProblem(message: message, fix: "write the amount in plain digits, as in `1234.50`")
        }
        return CellProblem(message: message, fix: nil)
    }

    /// Whether a currency a cell writes means `currency`: the same one, or `$` (read as USD)
    /// for any of the dollar currencies, as exports write them.
    static func written(_ written: Currency, standsFor currency: Currency) -> Bool {
        written == currency || (written == .usd && dollarCurrencies.contains(currency.code))
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }
}
