/// A partial update: `nil` fields are left as they are.
public struct UserUpdate: Sendable, Equatable {
    /// A new username, or `nil` to keep the current one.
    public var username: String?
    /// A new email address, or `nil` to keep the current one.
    public var email: String?
    /// A new password hash, or `nil` to keep the current one.
    public var passwordHash: String?

    public init(username: String? = nil, email: String? = nil, passwordHash: String? = nil) {
        self.username = username
        self.email = email
        self.passwordHash = passwordHash
    }

    /// True when the update would change nothing.
    public var isEmpty: Bool { username == nil && email == nil && passwordHash == nil }
}
