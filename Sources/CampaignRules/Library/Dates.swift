// The calendar built-ins: dates of timestamps, date arithmetic, and the starts and ends of periods.

/// `date`, `add_days`, `add_months`, `days_between`, `year`, `month`, `day`, `weekday`,
/// `start_of_week`, `start_of_month`, `end_of_month`, `start_of_quarter`, `start_of_year`
/// and `in_effect`.
///
/// Each takes a date or a timestamp; a timestamp stands for its date in the campaign's time
/// zone, as `date(ts)` gives it, so `start_of_month(o.at)` is the month the order counts in.
enum Dates {
    static func call(_ builtin: Builtin, _ arguments: [Value], settings: CampaignSettings) throws(ValueError) -> Value {
        let day = try date(arguments[0], for: builtin, zone: settings.timezone)
        switch builtin {
        case .date: return .date(day)
        case .addDays: return .date(try shifted(day, byDays: whole(arguments[1], "add_days", unit: "days", from: day)))
        case .addMonths: return .date(try shifted(day, byMonths: whole(arguments[1], "add_months", unit: "months", from: day)))
        case .daysBetween:
            let other = try date(arguments[1], for: builtin, zone: settings.timezone)
            return .number(DecimalNumber(Int(other.daysSinceEpoch) - Int(day.daysSinceEpoch)))
        case .year: return .number(DecimalNumber(day.components.year))
        case .month: return .number(DecimalNumber(day.components.month))
        case .day: return .number(DecimalNumber(day.components.day))
        case .weekday: return .number(DecimalNumber(weekday(day)))
        case .startOfWeek: return .date(CalendarDate(daysSinceEpoch: day.daysSinceEpoch - Int32(weekday(day) - 1)))
        case .startOfMonth: return .date(start(of: day, monthsPerPeriod: 1))
        case .startOfQuarter: return .date(start(of: day, monthsPerPeriod: 3))
        case .startOfYear: return .date(start(of: day, monthsPerPeriod: 12))
        case .endOfMonth:
            let (year, month, _) = day.components
            return .date(CalendarDate(year: year, month: month, day: CalendarDate.daysIn(month: month, year: year)) ?? day)
        case .inEffect:
            // Without an `effective` window the campaign runs on every date.
            return .bool(settings.effective?.contains(day) ?? true)
        default:
            throw ValueError(.invalidArgument, "\(builtin.rawValue) is not a calendar function")
        }
    }

    /// The date a calendar function works on: a date, or a timestamp's date in the zone.
    private static func date(_ value: Value, for builtin: Builtin, zone: CampaignZone) throws(ValueError) -> CalendarDate {
        switch value {
        case .date(let day): return day
        case .timestamp(let instant): return try zone.checkedDate(of: instant)
        default:
            throw ValueError(
                .invalidArgument, "\(builtin.rawValue) needs a date or a timestamp, found \(value.kindName) \(value)",
                fix: "call it as \(builtin.usage)")
        }
    }

    private static func whole(_ value: Value, _ function: String, unit: String, from day: CalendarDate) throws(ValueError) -> Int {
        guard case .number(let number) = value, number.isInteger else {
            throw ValueError(.invalidArgument, "`\(function)` needs a whole number of \(unit), found \(value)")
        }
        guard let whole = number.integerValue, whole.magnitude <= 4_000_000 else {
            throw ValueError(.invalidArgument, "\(day) plus \(value) \(unit) is outside the calendar's years 1 to 9999")
        }
        return whole
    }

    /// ISO weekday: 1 for Monday through 7 for Sunday (1970-01-01 was a Thursday).
    static func weekday(_ day: CalendarDate) -> Int {
        let days = Int(day.daysSinceEpoch)
        return ((days + 3) % 7 + 7) % 7 + 1
    }

    private static func start(of day: CalendarDate, monthsPerPeriod: Int) -> CalendarDate {
        let (year, month, _) = day.components
        let first = (month - 1) / monthsPerPeriod * monthsPerPeriod + 1
        return CalendarDate(year: year, month: first, day: 1) ?? day
    }

    static func shifted(_ day: CalendarDate, byDays count: Int) throws(ValueError) -> CalendarDate {
        let target = Int(day.daysSinceEpoch) + count
        guard count.magnitude <= 4_000_000, CalendarDate.supportedDays.contains(target) else { throw outOfRange(day, count, "days") }
        return CalendarDate(daysSinceEpoch: Int32(target))
    }

    /// The same day `count` months on, clamped to the month's last day (January 31st plus one
    /// month is February 28th or 29th).
    static func shifted(_ day: CalendarDate, byMonths count: Int) throws(ValueError) -> CalendarDate {
        let (year, month, dayOfMonth) = day.components
        guard count.magnitude <= 200_000 else { throw outOfRange(day, count, "months") }
        let index = year * 12 + (month - 1) + count
        let (targetYear, targetMonth) = (index >= 0 ? index / 12 : (index - 11) / 12, ((index % 12) + 12) % 12 + 1)
        let clamped = Swift.min(dayOfMonth, CalendarDate.daysIn(month: targetMonth, year: targetYear))
        guard let shifted = CalendarDate(year: targetYear, month: targetMonth, day: clamped) else { throw outOfRange(day, count, "months") }
        return shifted
    }

    private static func outOfRange(_ day: CalendarDate, _ count: Int, _ unit: String) -> ValueError {
        let counted = count.magnitude == 1 ? String(unit.dropLast()) : unit
        return ValueError(.invalidArgument, "\(day) plus \(count) \(counted) is outside the calendar's years 1 to 9999")
    }
}
