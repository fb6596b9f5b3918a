// Instants in time, stored as microseconds since the Unix epoch so they compare and hash cheaply.

/// An instant such as `2026-03-14T23:30:00Z`: microseconds since 1970-01-01T00:00:00Z.
///
/// An instant has no calendar date of its own: which day it falls on depends on where it is
/// seen from, so `date(ts)` asks the campaign's time zone (see `CampaignZone`). Two
/// timestamps written with different offsets for the same instant are equal.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let microseconds: Int64

    public init(microseconds: Int64) {
        self.microseconds = microseconds
    }

    static let microsecondsPerSecond: Int64 = 1_000_000
    static let secondsPerDay: Int64 = 86_400

    /// Seconds since the epoch, rounded down (so an instant before 1970 still falls in its second).
    var seconds: Int64 {
        microseconds >= 0
            ? microseconds / Timestamp.microsecondsPerSecond
            : (microseconds - Timestamp.microsecondsPerSecond + 1) / Timestamp.microsecondsPerSecond
    }

    /// The calendar date of the instant at `offset` seconds east of UTC.
    func date(atOffset offset: Int) -> CalendarDate {
        let local = seconds + Int64(offset)
        let days = local >= 0 ? local / Timestamp.secondsPerDay : (local - Timestamp.secondsPerDay + 1) / Timestamp.secondsPerDay
        return CalendarDate(daysSinceEpoch: Int32(days))
    }

    /// The instant in UTC, as `2026-03-14T23:30:00Z`, with a fraction only when it has one.
    public var description: String {
        let day = date(atOffset: 0)
        let secondOfDay = seconds - Int64(day.daysSinceEpoch) * Timestamp.secondsPerDay
        let fraction = microseconds - seconds * Timestamp.microsecondsPerSecond
        var text = "\(day)T\(twoDigits(secondOfDay / 3600)):\(twoDigits(secondOfDay / 60 % 60)):\(twoDigits(secondOfDay % 60))"
        if fraction != 0 {
            var digits = String(fraction)
            digits = String(repeating: "0", count: 6 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text + "Z"
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.microseconds < rhs.microseconds
    }

    /// Why text is not a timestamp, for the caller to word as a data or syntax error.
    enum Problem: Error, Equatable {
        /// Not the ISO 8601 shape at all.
        case malformed
        /// The shape is right but a part is out of range (`2026-02-30`, `25:00`).
        case notAnInstant
        /// No `Z` or offset, so the instant depends on where the text is read.
        case noOffset
        /// More than six digits after the seconds' point.
        case tooPrecise
        /// A real time, but in UTC its day is outside years 1 to 9999
        /// (`9999-12-31T23:59:59-05:00` is in the year 10000), so it has no date to print.
        case outsideYears
    }

    /// Reads `YYYY-MM-DDTHH:MM:SS[.ffffff]` followed by `Z` or an offset `±HH:MM` (also
    /// `±HHMM` or `±HH`). With `spaceSeparator` (for data files), a space may stand for the
    /// `T`, as SQL exports write it, and the `T` may be lower case, as RFC 3339 allows.
    static func parse(_ text: UnsafeBufferPointer<UInt8>, spaceSeparator: Bool = false) -> Result<Timestamp, Problem> {
        // A cursor struct, not nested functions capturing the index: a captured variable is
        // boxed, and each access to it checked for exclusivity at run time, a million cells over.
        var cursor = TimestampCursor(text: text)
        guard let year = cursor.number(4), cursor.symbol(UInt8(ascii: "-")), let month = cursor.number(2), cursor.symbol(UInt8(ascii: "-")),
            let day = cursor.number(2)
        else { return .failure(.malformed) }
        guard cursor.symbol(UInt8(ascii: "T")) || (spaceSeparator && (cursor.symbol(UInt8(ascii: " ")) || cursor.symbol(UInt8(ascii: "t")))),
            let hour = cursor.number(2), cursor.symbol(UInt8(ascii: ":")), let minute = cursor.number(2), cursor.symbol(UInt8(ascii: ":")),
            let second = cursor.number(2)
        else { return .failure(.malformed) }
        var fraction: Int64 = 0
        if cursor.symbol(UInt8(ascii: ".")) {
            var digits = 0
            while let byte = cursor.current, byte.isDigit {
                guard digits < 6 else { return .failure(.tooPrecise) }
                fraction = fraction * 10 + Int64(byte &- UInt8(ascii: "0"))
                digits += 1
                cursor.index += 1
            }
            guard digits > 0 else { return .failure(.malformed) }
            for _ in digits..<6 { fraction *= 10 }
        }
        var offsetSeconds = 0
        if cursor.atEnd { return .failure(.noOffset) }
        if cursor.symbol(UInt8(ascii: "Z")) || cursor.symbol(UInt8(ascii: "z")) {
            offsetSeconds = 0
        } else if let byte = cursor.current, byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") {
            let sign = byte == UInt8(ascii: "-") ? -1 : 1
            cursor.index += 1
            guard let hours = cursor.number(2) else { return .failure(.malformed) }
            var minutes = 0
            if cursor.symbol(UInt8(ascii: ":")) {
                guard let written = cursor.number(2) else { return .failure(.malformed) }
                minutes = written
            } else if !cursor.atEnd {
                guard let written = cursor.number(2) else { return .failure(.malformed) }
                minutes = written
            }
            guard hours <= 18, minutes < 60 else { return .failure(.notAnInstant) }
            offsetSeconds = sign * (hours * 3600 + minutes * 60)
        } else {
            return .failure(.malformed)
        }
        guard cursor.atEnd else { return .failure(.malformed) }
        guard let date = CalendarDate(year: year, month: month, day: day), hour < 24, minute < 60, second < 60 else {
            return .failure(.notAnInstant)
        }
        let local = Int64(date.daysSinceEpoch) * secondsPerDay + Int64(hour * 3600 + minute * 60 + second)
        let instant = Timestamp(microseconds: (local - Int64(offsetSeconds)) * microsecondsPerSecond + fraction)
        guard CalendarDate.supportedDays.contains(Int(instant.date(atOffset: 0).daysSinceEpoch)) else { return .failure(.outsideYears) }
        return .success(instant)
    }

    /// `parse` over a string.
    static func parse(_ text: String, spaceSeparator: Bool = false) -> Result<Timestamp, Problem> {
        var copy = text
        return copy.withUTF8 { parse($0, spaceSeparator: spaceSeparator) }
    }

    /// Why text is an instant outside the calendar, for messages.
    static let outsideYearsReason = "outside the calendar's years 1 to 9999 in UTC"
    /// The fix for such an instant.
    static let outsideYearsHint = "timestamps run from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z"

    /// The fix for text that is not a timestamp.
    static let formatHint = "write an ISO 8601 instant with its offset from UTC, such as `2026-03-14T23:30:00Z` or `2026-03-14T18:30:00-05:00`"
}

/// Reads a timestamp's text left to right.
private struct TimestampCursor {
    let text: UnsafeBufferPointer<UInt8>
    var index = 0

    var atEnd: Bool { index == text.count }
    var current: UInt8? { index < text.count ? text[index] : nil }

    /// The next `digits` digits as a number; nil (reading nothing) unless all are digits.
    mutating func number(_ digits: Int) -> Int? {
        guard index + digits <= text.count else { return nil }
        var value = 0
        for offset in index..<(index + digits) {
            guard text[offset].isDigit else { return nil }
            value = value * 10 + Int(text[offset] &- UInt8(ascii: "0"))
        }
        index += digits
        return value
    }

    /// Whether the next byte is `byte`, reading it when it is.
    mutating func symbol(_ byte: UInt8) -> Bool {
        guard index < text.count, text[index] == byte else { return false }
        index += 1
        return true
    }
}

private func twoDigits(_ value: Int64) -> String {
    value < 10 ? "0\(value)" : "\(value)"
}
