import Foundation
import Storage
import Testing

/// Timestamps are whole milliseconds, and print as the milliseconds that are stored.
@Suite("Timestamps")
struct TimestampTests {
    @Test("ISO-8601 shows exactly the stored milliseconds", arguments: [
        (Int64(1_767_323_045_123), "2026-01-02T03:04:05.123Z"), (1_767_323_045_001, "2026-01-02T03:04:05.001Z"),
        (1_767_323_045_000, "2026-01-02T03:04:05.000Z"), (0, "1970-01-01T00:00:00.000Z"), (-1, "1969-12-31T23:59:59.999Z"),
    ])
    func iso8601(_ milliseconds: Int64, _ expected: String) {
        #expect(Timestamp.iso8601(Timestamp.date(fromMilliseconds: milliseconds)) == expected)
    }

    @Test("ISO-8601 agrees with Foundation's formatter from 1900 to 2200, leap days included")
    func agreesWithFoundation() {
        // Whole seconds: Foundation's fraction is binary and may print .122 for .123.
        let style = Date.ISO8601FormatStyle()
        // A step of 37 h 13 min 17 s lands on every hour, weekday and month over the years.
        var milliseconds: Int64 = -2_208_988_800_000
        var mismatches: [String] = []
        while milliseconds < 7_258_118_400_000 {
            let date = Timestamp.date(fromMilliseconds: milliseconds)
            if Timestamp.iso8601(date) != style.format(date).dropLast() + ".000Z" { mismatches.append("\(milliseconds)") }
            milliseconds += 133_997_000
        }
        for leap in ["2000-02-29T12:00:00Z", "2024-02-29T23:59:59Z", "2100-03-01T00:00:00Z"] {
            let date = try? style.parse(leap)
            #expect(date.map(Timestamp.iso8601) == leap.dropLast() + ".000Z")
        }
        #expect(mismatches.isEmpty, "first: \(mismatches.prefix(3))")
    }
}
