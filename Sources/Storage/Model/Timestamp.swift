public import Foundation

/// Milliseconds since the Unix epoch: the precision every backend stores exactly.
public enum Timestamp {
    /// The current time, truncated to whole milliseconds.
    public static func now() -> Date {
        date(fromMilliseconds: milliseconds(Date()))
    }

    /// Whole milliseconds since 1970 for `date`, rounded down.
    public static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// The date `milliseconds` after 1970.
    public static func date(fromMilliseconds milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// `2026-11-25T20:16:35.123Z`: ISO-8601, UTC, milliseconds. Built from the whole
    /// milliseconds, since formatting the binary fraction can print .122 for a stored .123.
    public static func iso8601(_ date: Date) -> String {
        let total = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (seconds, milliseconds) = (total.quotientAndRemainder(dividingBy: 1000))
        let (whole, fraction) = milliseconds < 0 ? (seconds - 1, milliseconds + 1000) : (seconds, milliseconds)
        let stem = Date.ISO8601FormatStyle().format(Date(timeIntervalSince1970: Double(whole)))
        let digits = String(fraction)
        return "\(stem.dropLast()).\(String(repeating: "0", count: 3 - digits.count))\(digits)Z"
    }
}
