/// The fields needed to create a user; the storage assigns id and timestamps.
public struct NewUser: Sendable, Equatable {
    /// The username exactly as the user chose it.
    public var username: String
    /// The email address exactly as the user gave it.
    public var email: String
    /// The already-computed password hash.
    public var passwordHash: String

    public init(username: String, email: String, passwordHash: String) {
        self.username = username
        self.email = email
        self.passwordHash = passwordHash
    }
}
