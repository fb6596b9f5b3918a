// The campaign's time zone: which calendar day an instant falls on.

import Foundation

/// The time zone a campaign counts days in (its `timezone` setting, an IANA name such as
/// `America/New_York`; UTC when absent). An order placed at 23:30 in New York on March 31st
/// is a March order there, though it is already April 1st in UTC.
///
/// Offsets come from the system's time zone database through Foundation; they are whole
/// seconds, so the arithmetic on instants stays exact.
public final class CampaignZone: Sendable, Equatable {
    public let identifier: String
    /// Nil for UTC, which needs no lookup.
    private let zone: TimeZone?

    public static let utc = CampaignZone(identifier: "UTC", zone: nil)

    private init(identifier: String, zone: TimeZone?) {
        self.identifier = identifier
        self.zone = zone
    }

    /// The zone an IANA name names; nil when the system's database does not know it.
    public convenience init?(identifier: String) {
        if identifier.uppercased() == "UTC" || identifier == "Etc/UTC" {
            self.init(identifier: identifier, zone: nil)
            return
        }
        // Foundation also accepts abbreviations and offsets (`EST`, `GMT+2`); a campaign names
        // a region, whose daylight-saving rules are what make its dates right.
        guard identifier.contains("/"), let zone = TimeZone(identifier: identifier) else { return nil }
        self.init(identifier: identifier, zone: zone)
    }

    /// Seconds east of UTC at the instant.
    func offset(at instant: Timestamp) -> Int {
        guard let zone else { return 0 }
        return zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant.seconds)))
    }

    /// The calendar date of the instant in this zone.
    func date(of instant: Timestamp) -> CalendarDate {
        instant.date(atOffset: offset(at: instant))
    }

    /// The calendar date of the instant in this zone; nil when that day is outside years 1 to
    /// 9999, as an instant at either end of them can be, seen from east or west of UTC.
    func supportedDate(of instant: Timestamp) -> CalendarDate? {
        let day = date(of: instant)
        return CalendarDate.supportedDays.contains(Int(day.daysSinceEpoch)) ? day : nil
    }

    /// Why an instant has no date here (`supportedDate` is nil), for messages.
    func outsideYears(_ instant: Timestamp) -> String {
        "whose day in \(identifier) would be \(date(of: instant)), outside the calendar's years 1 to 9999"
    }

    /// The fix for an instant without a date.
    static let outsideYearsHint = "dates run from 0001-01-01 to 9999-12-31; compare the timestamp itself rather than its date"

    /// The date of `instant`, or the error that it has none.
    func checkedDate(of instant: Timestamp) throws(ValueError) -> CalendarDate {
        guard let day = supportedDate(of: instant) else {
            throw ValueError(
                .invalidArgument,
                "\(instant) has no date: its day in \(identifier) would be \(date(of: instant)), outside the calendar's years 1 to 9999",
                fix: CampaignZone.outsideYearsHint)
        }
        return day
    }

    public static func == (lhs: CampaignZone, rhs: CampaignZone) -> Bool {
        lhs.identifier == rhs.identifier
    }

    /// Region names close to one written, for a suggestion.
    static func knownIdentifiers() -> [String] {
        ["UTC"] + TimeZone.knownTimeZoneIdentifiers
    }
}
