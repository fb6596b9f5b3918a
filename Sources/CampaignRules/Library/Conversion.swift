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
        if currency == campaign { return amount }
        let rate = try self.rate(for: currency, in: rates, campaign: campaign)
        let converted = try DecimalNumber.checked { () throws(DecimalNumber.ArithmeticError) in
            try value.multiplied(by: rate, context: languageContext)
        }
        return .money(converted, campaign)
    }

    /// The rate of `currency` in the list, which must hold one for it.
    private static func rate(for currency: Currency, in rates: Value, campaign: Currency) throws(ValueError) -> DecimalNumber {
        guard case .list(let items) = rates else {
            throw ValueError(.invalidArgument, "convert's rates must be a list of {currency, rate} records, found \(rates.kindName)",
                             fix: "for example `[{currency: \"EUR\", rate: 1.08}]`")
        }
        var found: DecimalNumber?
        for item in items {
            guard case .record(let record) = item, case .text(let code)? = record["currency"], let rateValue = record["rate"] else {
                throw ValueError(.invalidArgument, "each of convert's rates is a record {currency: Text, rate: Number}, found \(item)",
                                 fix: "for example `{currency: \"EUR\", rate: 1.08}`")
            }
            guard (Currency(code: code) ?? Currency(code: code.trimmingSpaces)) == currency else { continue }
            guard case .number(let rate) = rateValue, !rate.isNegative, !rate.isZero else {
                throw ValueError(.invalidArgument, "the rate for \(currency.code) must be a positive number, found \(rateValue)",
                                 fix: "give how many \(campaign.code) one \(currency.code) buys, such as `1.08`")
            }
            if let earlier = found, earlier.compare(rate) != 0 {
                throw ValueError(.invalidArgument, "the rates give \(currency.code) twice, as \(earlier.plainDescription) and \(rate.plainDescription)",
                                 fix: "keep one rate per currency")
            }
            found = rate
        }
        guard let found else {
            throw ValueError(.invalidArgument, "no exchange rate for \(currency.code) in the rates, so \(Value.money(.one, currency)) has no \(campaign.code) value",
                             fix: "add `{currency: \"\(currency.code)\", rate: ...}` (\(campaign.code) per one \(currency.code))")
        }
        return found
    }
}
