/// A partial update: `nil` fields are left as they are.
public struct UserUpdate: Sendable, Equatable {
    /// A new username, or `nil` to keep the current one.
    public var username: String?
    /// A new email address, or `nil` to keep the current one.
    public var email: String?
    /// A new password hash, or `nil` to keep the current one.
    public var passwordHash: String?
    /// Bump the token version, voiding every token issued so far (a password change does;
    /// re-hashing the same password on login does not).
    public var revokesTokens: Bool
    /// Apply the update only while the stored hash is still this one (compare-and-set), so a
    /// re-hash on login cannot write an old password back over a concurrent change.
    public var expectedPasswordHash: String?
    /// Marks the email verified (a redeemed link) or unverified (a new address); `nil` keeps it.
    public var emailVerified: Bool?

    public init(
        username: String? = nil, email: String? = nil, passwordHash: String? = nil, revokesTokens: Bool = false,
        expectedPasswordHash: String? = nil, emailVerified: Bool? = nil
    ) {
        self.username = username
        self.email = email
        self.passwordHash = passwordHash
        self.revokesTokens = revokesTokens
        self.expectedPasswordHash = expectedPasswordHash
        self.emailVerified = emailVerified
    }

    /// True when the update would change nothing.
    public var isEmpty: Bool { username == nil && email == nil && passwordHash == nil && !revokesTokens && emailVerified == nil }
}
