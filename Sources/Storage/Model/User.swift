public import Foundation

/// A stored user account.
public struct User: Sendable, Equatable {
    /// Database-assigned identifier.
    public var id: Int64
    /// The username exactly as the user chose it.
    public var username: String
    /// The email address exactly as the user gave it.
    public var email: String
    /// The password hash in PHC (or legacy bcrypt) string form.
    public var passwordHash: String
    /// When the account was created (UTC, millisecond precision).
    public var createdAt: Date
    /// When the account was last changed (UTC, millisecond precision).
    public var updatedAt: Date
    /// Bumped on every password change; tokens issued at an older version are void.
    public var tokenVersion: Int64
    /// Whether the user has proved they control `email` (a verification or reset link).
    public var emailVerified: Bool

    public init(
        id: Int64, username: String, email: String, passwordHash: String,
        createdAt: Date, updatedAt: Date, tokenVersion: Int64 = 0, emailVerified: Bool = false
    ) {
        self.id = id
        self.username = username
        self.email = email
        self.passwordHash = passwordHash
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.tokenVersion = tokenVersion
        self.emailVerified = emailVerified
    }
}
