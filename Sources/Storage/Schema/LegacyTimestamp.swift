import Foundation

/// SQLAlchemy's naive UTC `DateTime` as stored: `2026-11-25 20:16:35.123456` (a `T` also
/// works), kept to the millisecond.
enum LegacyTimestamp {
    static func date(_ value: SQLValue) throws -> Date? {
        guard case .text(let text) = value else {
            if value == .null { return nil }
            throw StorageError.internal("created_at is not a date and time")
        }
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "T" })
        let day = parts.first?.split(separator: "-").compactMap { Int($0) } ?? []
        let clock = parts.count > 1 ? parts[1].split(separator: ":") : []
        guard day.count == 3, clock.count == 3, let hour = Int(clock[0]), let minute = Int(clock[1]) else {
            throw StorageError.internal("created_at '\(text)' is not YYYY-MM-DD HH:MM:SS[.ffffff]")
        }
        let secondParts = clock[2].split(separator: ".", maxSplits: 1)
        let fraction = secondParts.count > 1 ? String(secondParts[1].prefix(3)).padding(toLength: 3, withPad: "0", startingAt: 0) : "0"
        guard let second = Int(secondParts[0]), let milliseconds = Int(fraction) else {
            throw StorageError.internal("created_at '\(text)' is not YYYY-MM-DD HH:MM:SS[.ffffff]")
        }
        var components = DateComponents(year: day[0], month: day[1], day: day[2], hour: hour, minute: minute, second: second)
        components.timeZone = TimeZone(identifier: "UTC")
        guard let date = Calendar(identifier: .gregorian).date(from: components) else {
            throw StorageError.internal("created_at '\(text)' is not a valid date")
        }
        return Timestamp.date(fromMilliseconds: Timestamp.milliseconds(date) + Int64(milliseconds))
    }
}
