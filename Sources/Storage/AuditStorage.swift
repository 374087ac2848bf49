public import Foundation

/// The security audit trail. Every method throws only `StorageError`.
public protocol AuditStorage: Sendable {
    /// Stores one event.
    func record(_ event: AuditEvent) async throws
    /// The user's events, newest first: at most `limit`, all older than event `before` if given.
    func events(userID: Int64, before: String?, limit: Int) async throws -> [AuditEvent]
    /// Deletes events older than `before`; returns how many.
    func sweepAuditEvents(before: Date) async throws -> Int
}
