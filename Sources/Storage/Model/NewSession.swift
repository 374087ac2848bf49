public import Foundation

/// What a login stores: the session and the hash of its first refresh token.
public struct NewSession: Sendable, Equatable {
    /// Random public identifier (base64url).
    public var id: String
    /// The user who logged in.
    public var userID: Int64
    /// SHA-256 (hex) of the first refresh token; the token itself is never stored.
    public var refreshTokenHash: String
    /// How long a refresh token stays valid after it is issued.
    public var refreshLifetime: Duration
    /// The session's hard limit, whatever the refreshes.
    public var maxLifetime: Duration
    /// The client's `User-Agent`, already truncated.
    public var userAgent: String?
    /// The client's address.
    public var ip: String?
    /// The login's time, which is also the session's `auth_time`.
    public var now: Date

    public init(
        id: String, userID: Int64, refreshTokenHash: String, refreshLifetime: Duration, maxLifetime: Duration,
        userAgent: String?, ip: String?, now: Date
    ) {
        self.id = id
        self.userID = userID
        self.refreshTokenHash = refreshTokenHash
        self.refreshLifetime = refreshLifetime
        self.maxLifetime = maxLifetime
        self.userAgent = userAgent
        self.ip = ip
        self.now = now
    }
}
