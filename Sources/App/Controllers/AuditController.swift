import Foundation
import Hummingbird
import Storage

/// `GET /users/me/events`: the account's own security log, newest first, like the ones
/// GitHub and Google show their users. `?limit=` (1-100, default 20) and `?before=` (the id of
/// the last event already seen).
struct AuditController<Storage: UserStorage & SessionStorage & AuditStorage>: Sendable {
    let storage: Storage
    let authenticator: UserAuthenticator<Storage>

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("me/events", use: list)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> EventList {
        let user = try await authenticator.user(for: request)
        let query = request.uri.queryParameters
        var issues: [ValidationIssue] = []
        let limit = query.get("limit").map { Int($0) ?? 0 } ?? 20
        if !(1...100).contains(limit) {
            issues.append(ValidationIssue(loc: [.key("query"), .key("limit")], msg: "Input should be a whole number from 1 to 100", type: "int_range"))
        }
        let before = query.get("before")
        if let before, !AuditEventResponse.isWellFormedID(before) {
            issues.append(ValidationIssue(loc: [.key("query"), .key("before")], msg: "Input should be an event id", type: "value_error"))
        }
        guard issues.isEmpty else { throw APIError(validation: issues) }
        let events = try await storage.events(userID: user.id, before: before, limit: limit)
        return EventList(events: events.map(AuditEventResponse.init))
    }

    /// The events as a JSON array.
    struct EventList: ResponseEncodable {
        let events: [AuditEventResponse]

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(events)
        }
    }
}
