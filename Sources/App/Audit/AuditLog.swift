import Foundation
import Hummingbird
import Logging
import Storage

/// Records security events: a row in `audit_events` and one structured log line each.
/// A failed write is logged and does not fail the request it describes.
struct AuditLog: Sendable {
    let storage: any AuditStorage
    /// The clock of event times (a test seam).
    var now: @Sendable () -> Date = { Date() }

    /// The kinds of event.
    enum Event: String, Sendable, CaseIterable {
        case loginSucceeded = "login.succeeded"
        case loginFailed = "login.failed"
        case userRegistered = "user.registered"
        case passwordChanged = "password.changed"
        case emailChanged = "email.changed"
        case usernameChanged = "username.changed"
        case userDeleted = "user.deleted"
        case sessionRevoked = "session.revoked"
        case refreshReused = "refresh.reused"
    }

    /// Records `event` for `userID` (when known) with the request's client, user agent and id.
    func record(_ event: Event, userID: Int64?, reason: String? = nil, request: Request, context: AppRequestContext) async {
        let occurred = now()
        let requestID = context.logger[metadataKey: "request_id"].map { "\($0)" }
        let entry = AuditEvent(
            id: AuditEvent.makeID(at: occurred), occurredAt: occurred, type: event.rawValue, userID: userID, reason: reason,
            client: context.clientAddress, userAgent: request.headers[.userAgent].map { String($0.prefix(256)) }, requestID: requestID)
        var metadata: Logger.Metadata = ["event": "\(event.rawValue)", "client": "\(context.clientKey)"]
        if let userID { metadata["user_id"] = "\(userID)" }
        if let reason { metadata["reason"] = "\(reason)" }
        context.logger.info("audit", metadata: metadata)
        do {
            try await storage.record(entry)
        } catch {
            context.logger.warning("audit event not stored", metadata: ["event": "\(event.rawValue)", "error": "\(error)"])
        }
    }
}
