import Foundation
import Hummingbird
import Storage

/// `GET /users/me/sessions` and `DELETE /users/me/sessions/{id}`: the account's sign-ins.
struct SessionController<Storage: UserStorage & SessionStorage>: Sendable {
    let storage: Storage
    let authenticator: UserAuthenticator<Storage>
    let audit: AuditLog

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("me/sessions", use: list)
        group.delete("me/sessions/:id", use: revoke)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> SessionList {
        let authentication = try await authenticator.authenticate(request)
        let sessions = try await storage.activeSessions(userID: authentication.user.id, now: Date())
        return SessionList(sessions: sessions.map { SessionResponse($0, currentID: authentication.sessionID) })
    }

    /// 204, or 404 for an unknown id and for another user's session alike, so ids cannot be probed.
    @Sendable func revoke(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        let authentication = try await authenticator.authenticate(request)
        let id = context.parameters.get("id") ?? ""
        guard try await storage.revokeSession(id: id, userID: authentication.user.id, now: Date()) else {
            throw APIError(.notFound, "Session not found")
        }
        await audit.record(.sessionRevoked, userID: authentication.user.id, request: request, context: context)
        return .noContent
    }
}
