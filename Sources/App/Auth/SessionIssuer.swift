import Foundation
import Storage

/// Starts sessions at login and exchanges refresh tokens, returning the token pair.
struct SessionIssuer<Storage: SessionStorage>: Sendable {
    let storage: Storage
    let tokens: TokenService
    let policy: SessionPolicy

    /// A new session for `user`, who has just proved their password.
    func start(for user: User, userAgent: String?, ip: String?) async throws -> TokenResponse {
        let refreshToken = RefreshToken.make()
        let session = try await storage.createSession(NewSession(
            id: RefreshToken.makeSessionID(), userID: user.id, refreshTokenHash: RefreshToken.hash(refreshToken),
            refreshLifetime: policy.refreshLifetime, maxLifetime: policy.maxLifetime,
            userAgent: userAgent.map { String($0.prefix(SessionPolicy.userAgentLimit)) }, ip: ip, now: Timestamp.now()))
        return try await response(user, session, refreshToken)
    }

    /// The next pair for `refreshToken`; a spent token revokes its whole session.
    /// `onReuse` is told the user whose spent token came back (their session is now revoked).
    func refresh(_ refreshToken: String, onReuse: (Int64) async -> Void = { _ in }) async throws -> TokenResponse {
        let next = RefreshToken.make()
        let outcome = try await storage.rotateRefreshToken(
            hash: RefreshToken.hash(refreshToken), newHash: RefreshToken.hash(next),
            refreshLifetime: policy.refreshLifetime, now: Timestamp.now())
        if case .reused(_, let userID) = outcome { await onReuse(userID) }
        guard case .rotated(let session, let user) = outcome else { throw APIError.invalidRefreshToken }
        return try await response(user, session, next)
    }

    private func response(_ user: User, _ session: Session, _ refreshToken: String) async throws -> TokenResponse {
        let access = try await tokens.issue(for: user, session: session)
        return TokenResponse(accessToken: access, expiresIn: Int(tokens.lifetime.components.seconds), refreshToken: refreshToken)
    }
}
