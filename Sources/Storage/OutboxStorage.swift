public import Foundation

/// The mail outbox as couriers see it. Claims are leases: a message claimed by one courier is
/// invisible to the others until it is settled or its lease ends (the courier died).
/// Every method throws only `StorageError`.
public protocol OutboxStorage: Sendable {
    /// Claims up to `limit` due messages until `now + lease`, counting an attempt on each.
    func claimMail(limit: Int, lease: Duration, now: Date) async throws -> [OutboxMessage]
    /// Records a delivery; the bodies (which may hold a token) are cleared.
    func markSent(id: String, now: Date) async throws
    /// Releases the claim and makes the message due again at `retryAt`.
    func retryMail(id: String, at retryAt: Date, error: String) async throws
    /// Gives up on the message; the bodies are cleared.
    func failMail(id: String, error: String) async throws
    /// Pending and failed counts and the oldest pending message's age.
    func outboxStatistics() async throws -> OutboxStatistics
    /// Deletes messages settled before `before`; returns how many.
    func sweepOutbox(settledBefore before: Date) async throws -> Int
}
