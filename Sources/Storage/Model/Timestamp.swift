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

    /// `2026-11-25T20:16:35.123Z`: ISO-8601, UTC, milliseconds.
    public static func iso8601(_ date: Date) -> String {
        Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
    }
}
