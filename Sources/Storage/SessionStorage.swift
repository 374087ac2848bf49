public import Foundation

/// Persistent sign-in sessions and their rotating refresh tokens. Every method takes the
/// current time, so expiry is decided by the caller's clock (and tests need no sleeping).
/// Every method throws only `StorageError`.
public protocol SessionStorage: Sendable {
    /// Stores a new session with its first refresh token; `.notFound` when the user is gone.
    func createSession(_ session: NewSession) async throws -> Session
    /// Exchanges the refresh token hashed `hash` for one hashed `newHash`, atomically: of two
    /// concurrent exchanges of one token exactly one rotates, the other is reuse.
    func rotateRefreshToken(hash: String, newHash: String, refreshLifetime: Duration, now: Date) async throws -> RefreshOutcome
    /// The user `id` and whether session `sessionID` is active for them, in one round trip.
    func find(id: Int64, session sessionID: String, now: Date) async throws -> AuthenticatedUser?
    /// The user's active sessions, newest first.
    func activeSessions(userID: Int64, now: Date) async throws -> [Session]
    /// Revokes the user's active session `id`; false when there is no such session.
    func revokeSession(id: String, userID: Int64, now: Date) async throws -> Bool
    /// Revokes every active session of the user except `keep`; returns how many.
    func revokeSessions(userID: Int64, except keep: String?, now: Date) async throws -> Int
    /// Deletes expired and revoked sessions with their refresh tokens; returns how many.
    func sweepSessions(now: Date) async throws -> Int
}
