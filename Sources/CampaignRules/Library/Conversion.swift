// Converting money between currencies at rates the rule file or its data gives.

import Foundation

/// `convert(amount, rates)`: the amount in the campaign's currency.
///
/// `rates` is a list of `{currency: Text, rate: Number}` records: how many units of the
/// campaign's currency one unit of `currency` buys. The product is exact (28 significant
/// digits, as all arithmetic); rounding to cents happens where a plan line rounds, so a
/// converted order rounds once, not twice.
enum Conversion {
    static func convert(_ amount: Value, rates: Value, into campaign: Currency) throws(ValueError) -> Value {
        guard case .money(let value, let currency) = amount else {
            throw ValueError(
                .invalidArgument, "convert needs money as its first argument, found \(amount.kindName) \(amount)",
                fix: "call it as convert(amount, rates)")
        }
        // The rates are checked whatever the amount, so a bad table shows on the first call,
        // not only once some row happens to be in the currency it misspells.
        let rate: DecimalNumber?
        if let checked = CheckedRates.current.rates(of: rates) {
            rate = checked[currency]
            if rate == nil, currency != campaign { _ = try self.rate(for: currency, converting: amount, in: rates, campaign: campaign) }
        } else {
            rate = try self.rate(for: currency, converting: amount, in: rates, campaign: campaign)
            CheckedRates.current.remember(rates)
        }
        guard currency != campaign, let rate else { return amount }
        let converted = try DecimalNumber.checked { () throws(DecimalNumber.ArithmeticError) in
            try value.multiplied(by: rate, context: languageContext)
        }
        return .money(converted, campaign)
    }

    /// The rate of `currency` in the list (nil when it gives none for the campaign's own
    /// currency), after checking every row: a record naming a known currency and a positive
    /// rate, with no currency given two different rates.
    private static func rate(
        for currency: Currency, converting amount: Value, in rates: Value,
        campaign: Currency
    ) throws(ValueError) -> DecimalNumber? {
        guard case .list(let items) = rates else {
            throw ValueError(
                .invalidArgument, "convert's rates must be a list of {currency, rate} records, found \(rates.kindName)",
                fix: "for example `[{currency: \"EUR\", rate: 1.08}]`")
        }
        var found: DecimalNumber?
        for (position, item) in items.enumerated() {
            guard case .record(let record) = item, case .text(let code)? = record["currency"], let rateValue = record["rate"] else {
                throw ValueError(
                    .invalidArgument, "each of convert's rates is a record {currency: Text, rate: Number}, found \(item)",
                    fix: "for example `{currency: \"EUR\", rate: 1.08}`")
            }
            guard let named = Currency(code: code) ?? Currency(code: code.trimmingSpaces) else {
                throw ValueError(
                    .invalidArgument,
                    "convert's rates: row \(position + 1), \(item), names \(Value.quoted(code)), which is not a currency this language knows",
                    fix: unknownCurrencyFix(code, rate: rateValue))
            }
            guard case .number(let rate) = rateValue, !rate.isNegative, !rate.isZero else {
                throw ValueError(
                    .invalidArgument, "the rate for \(named.code) must be a positive number, found \(rateValue)",
                    fix: "give how many \(campaign.code) one \(named.code) buys, such as `1.08`")
            }
            guard named == currency else { continue }
            if let earlier = found, earlier.compare(rate) != 0 {
                throw ValueError(
                    .invalidArgument, "the rates give \(currency.code) twice, as \(earlier.plainDescription) and \(rate.plainDescription)",
                    fix: "keep one rate per currency")
            }
            found = rate
        }
        guard found != nil || currency == campaign else {
            throw ValueError(
                .invalidArgument, "no exchange rate for \(currency.code) in the rates, so \(amount) has no \(campaign.code) value",
                fix: "add `{currency: \"\(currency.code)\", rate: ...}` (\(campaign.code) per one \(currency.code))")
        }
        return found
    }

    /// The rate `convert` would multiply an amount in `currency` by: nil for the campaign's own
    /// currency, a currency the list gives no rate, and a list `convert` rejects.
    static func checkedRate(of currency: Currency, in rates: Value, campaign: Currency) -> DecimalNumber? {
        guard currency != campaign else { return nil }
        do throws(ValueError) {
            return try rate(for: currency, converting: .money(.one, currency), in: rates, campaign: campaign)
        } catch {
            return nil
        }
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

/// The last rates list `convert` checked on this thread, as a table by currency, so
/// converting a million orders at one list checks its rows once rather than once per order.
///
/// The list is recognized by its storage: the cache keeps the list alive, so while it holds
/// it no other list can have the same array (or table) at the same address, and a list's
/// array is never changed in place while shared. Each thread keeps its own, so threads
/// converting at once never wait for each other.
final class CheckedRates {
    private var list: ValueList?
    private var table: [Currency: DecimalNumber] = [:]

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            if let pointer { Unmanaged<CheckedRates>.fromOpaque(pointer).release() }
        }
        return key
    }()

    /// This thread's cache.
    static var current: CheckedRates {
        if let pointer = pthread_getspecific(key) { return Unmanaged<CheckedRates>.fromOpaque(pointer).takeUnretainedValue() }
        let made = CheckedRates()
        pthread_setspecific(key, Unmanaged.passRetained(made).toOpaque())
        return made
    }

    /// The rates by currency, when `rates` is the list checked last.
    func rates(of rates: Value) -> [Currency: DecimalNumber]? {
        guard case .list(let items) = rates, let list, CheckedRates.sameStorage(list, items) else { return nil }
        return table
    }

    /// Remembers a list every row of which was just checked.
    func remember(_ rates: Value) {
        guard case .list(let items) = rates, CheckedRates.identity(of: items) != nil else { return }
        var table: [Currency: DecimalNumber] = [:]
        for item in items {
            guard case .record(let record) = item, case .text(let code)? = record["currency"], case .number(let rate)? = record["rate"],
                let currency = Currency(code: code) ?? Currency(code: code.trimmingSpaces)
            else { return }
            // A currency given two rates is an error only when it is converted: such a list
            // is checked at every call, never remembered.
            if let earlier = table[currency], earlier.compare(rate) != 0 { return }
            table[currency] = rate
        }
        (self.list, self.table) = (items, table)
    }

    private static func sameStorage(_ a: ValueList, _ b: ValueList) -> Bool {
        guard let x = identity(of: a), let y = identity(of: b) else { return false }
        return x == y && a.count == b.count
    }

    /// The address of the list's storage: its array of values, or its whole table.
    private static func identity(of list: ValueList) -> UnsafeRawPointer? {
        switch list.storage {
        case .values(let values): values.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) }
        case .table(let table, nil): UnsafeRawPointer(Unmanaged.passUnretained(table).toOpaque())
        default: nil
        }
    }
}
