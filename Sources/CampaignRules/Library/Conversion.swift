// Converting money between currencies at rates the rule file or its data gives.

/// `convert(amount, rates)`: the amount in the campaign's currency.
///
/// `rates` is a list of `{currency: Text, rate: Number}` records: how many units of the
/// campaign's currency one unit of `currency` buys. The product is exact (28 significant
/// digits, as all arithmetic); rounding to cents happens where a plan line rounds, so a
/// converted order rounds once, not twice.
enum Conversion {
    static func convert(_ amount: Value, rates: Value, into campaign: Currency) throws(ValueError) -> Value {
        guard case .money(let value, let currency) = amount else {
            throw ValueError(.invalidArgument, "convert needs money as its first argument, found \(amount.kindName) \(amount)",
                             fix: "call it as convert(amount, rates)")
        }
        // The rates are checked whatever the amount, so a bad table shows on the first call,
        // not only once some row happens to be in the currency it misspells.
        let rate = try self.rate(for: currency, converting: amount, in: rates, campaign: campaign)
        guard currency != campaign, let rate else { return amount }
        let converted = try DecimalNumber.checked { () throws(DecimalNumber.ArithmeticError) in
            try value.multiplied(by: rate, context: languageContext)
        }
        return .money(converted, campaign)
    }

    /// The rate of `currency` in the list (nil when it gives none for the campaign's own
    /// currency), after checking every row: a record naming a known currency and a positive
    /// rate, with no currency given two different rates.
    private static func rate(for currency: Currency, converting amount: Value, in rates: Value,
                             campaign: Currency) throws(ValueError) -> DecimalNumber? {
        guard case .list(let items) = rates else {
            throw ValueError(.invalidArgument, "convert's rates must be a list of {currency, rate} records, found \(rates.kindName)",
                             fix: "for example `[{currency: \"EUR\", rate: 1.08}]`")
        }
        var found: DecimalNumber?
        for (position, item) in items.enumerated() {
            guard case .record(let record) = item, case .text(let code)? = record["currency"], let rateValue = record["rate"] else {
                throw ValueError(.invalidArgument, "each of convert's rates is a record {currency: Text, rate: Number}, found \(item)",
                                 fix: "for example `{currency: \"EUR\", rate: 1.08}`")
            }
            guard let named = Currency(code: code) ?? Currency(code: code.trimmingSpaces) else {
                throw ValueError(.invalidArgument, "convert's rates: row \(position + 1), \(item), names \(Value.quoted(code)), which is not a currency this language knows",
                                 fix: unknownCurrencyFix(code, rate: rateValue))
            }
            guard case .number(let rate) = rateValue, !rate.isNegative, !rate.isZero else {
                throw ValueError(.invalidArgument, "the rate for \(named.code) must be a positive number, found \(rateValue)",
                                 fix: "give how many \(campaign.code) one \(named.code) buys, such as `1.08`")
            }
            guard named == currency else { continue }
            if let earlier = found, earlier.compare(rate) != 0 {
                throw ValueError(.invalidArgument, "the rates give \(currency.code) twice, as \(earlier.plainDescription) and \(rate.plainDescription)",
                                 fix: "keep one rate per currency")
            }
            found = rate
        }
        guard found != nil || currency == campaign else {
            throw ValueError(.invalidArgument, "no exchange rate for \(currency.code) in the rates, so \(amount) has no \(campaign.code) value",
                             fix: "add `{currency: \"\(currency.code)\", rate: ...}` (\(campaign.code) per one \(currency.code))")
        }
        return found
    }

    /// The row rewritten with the nearest known code, keeping its rate; else the codes to choose from.
    private static func unknownCurrencyFix(_ code: String, rate: Value) -> String {
        let written = code.trimmingSpaces.uppercased()
        guard let nearest = Suggestions.closest(to: written, among: Currency.table.map(\.code)) else {
            return "write an ISO code the language knows (\(Currency.knownCodes)) in that row, keeping its rate \(rate)"
        }
        return "write its ISO code, keeping the rate: `{currency: \"\(nearest)\", rate: \(rate)}`"
    }
}
