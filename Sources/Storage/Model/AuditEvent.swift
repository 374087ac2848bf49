public import Foundation
import Synchronization

/// One security event: what happened, to whom, from where. Never holds a secret.
public struct AuditEvent: Sendable, Equatable {
    /// Sorts by time (15 digits of milliseconds, 4 hex digits of a counter so one process's
    /// events of one millisecond keep their order, 4 random hex digits; one length and only
    /// [0-9a-f], so every collation orders them alike): also the page cursor.
    public var id: String
    public var occurredAt: Date
    /// `login.succeeded`, `login.failed`, `user.registered`, `password.changed`, ...
    public var type: String
    /// The user concerned, when known; kept after the user is deleted.
    public var userID: Int64?
    /// Why, for failures (`bad_password`, `unknown_user`, `throttled`); never shown to clients.
    public var reason: String?
    public var client: String?
    public var userAgent: String?
    public var requestID: String?

    public init(
        id: String, occurredAt: Date, type: String, userID: Int64?, reason: String? = nil, client: String? = nil,
        userAgent: String? = nil, requestID: String? = nil
    ) {
        self.id = id
        self.occurredAt = occurredAt
        self.type = type
        self.userID = userID
        self.reason = reason
        self.client = client
        self.userAgent = userAgent
        self.requestID = requestID
    }

    /// A new id for an event at `date`: later events sort after earlier ones.
    public static func makeID(at date: Date) -> String {
        let milliseconds = String(Timestamp.milliseconds(date))
        let sequence = String(format: "%04x", counter.add(1, ordering: .relaxed).newValue & 0xFFFF)
        let random = String(format: "%04x", UInt16.random(in: 0...UInt16.max))
        return String(repeating: "0", count: max(0, 15 - milliseconds.count)) + milliseconds + sequence + random
    }

    private static let counter = Atomic<Int>(0)
}

extension AuditEvent: SQLRowDecodable {
    init(row: SQLRow) throws {
        guard let id = row.text("id"), let occurred = row.integer("occurred_at"), let type = row.text("type") else {
            throw StorageError.internal("unexpected audit_events row shape")
        }
        self.init(
            id: id, occurredAt: Timestamp.date(fromMilliseconds: occurred), type: type, userID: row.integer("user_id"),
            reason: row.text("reason"), client: row.text("client"), userAgent: row.text("user_agent"), requestID: row.text("request_id"))
    }
}
