public import Foundation

/// A sign-in session: created by a login, extended by each refresh, ended by logout,
/// revocation or expiry.
public struct Session: Sendable, Equatable {
    /// Random public identifier (base64url); access tokens carry it as `sid`.
    public var id: String
    /// The user signed in.
    public var userID: Int64
    /// When the login happened.
    public var createdAt: Date
    /// When a refresh token of the session was last exchanged (or the login, before that).
    public var lastUsedAt: Date
    /// When the password was last checked in this session (OIDC `auth_time`).
    public var authTime: Date
    /// When the session ends unless refreshed again, never later than its hard limit.
    public var expiresAt: Date
    /// The client's `User-Agent`, truncated, if it sent one.
    public var userAgent: String?
    /// The client's address, if known.
    public var ip: String?

    public init(
        id: String, userID: Int64, createdAt: Date, lastUsedAt: Date, authTime: Date, expiresAt: Date,
        userAgent: String?, ip: String?
    ) {
        self.id = id
        self.userID = userID
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.authTime = authTime
        self.expiresAt = expiresAt
        self.userAgent = userAgent
        self.ip = ip
    }
}
