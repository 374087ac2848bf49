public import Foundation

/// Throttling counters shared by every replica: fixed windows that open at the first counted
/// event. Every method takes the current time; every method throws only `StorageError`.
public protocol RateLimitStorage: Sendable {
    /// Counts one event for each key, in a window of its own length opened now when none is
    /// open; one statement however many keys. Returns each key's window after counting.
    func count(_ events: [(key: String, window: Duration)], now: Date) async throws -> [String: RateCount]
    /// The open windows of `keys`; a key without one is absent. Reads only.
    func counts(_ keys: [String], now: Date) async throws -> [String: RateCount]
    /// Forgets `key`'s window.
    func reset(_ key: String) async throws
    /// Deletes closed windows; returns how many.
    func sweepRateLimits(now: Date) async throws -> Int
}
