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
}
