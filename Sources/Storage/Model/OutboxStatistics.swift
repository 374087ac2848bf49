public import Foundation

/// The outbox's figures, for metrics.
public struct OutboxStatistics: Sendable, Equatable {
    /// Messages waiting to be delivered (including those being delivered now).
    public var pending: Int
    /// Messages given up on.
    public var failed: Int
    /// When the oldest pending message was enqueued, if any is pending.
    public var oldestPending: Date?

    public init(pending: Int, failed: Int, oldestPending: Date?) {
        self.pending = pending
        self.failed = failed
        self.oldestPending = oldestPending
    }
}
