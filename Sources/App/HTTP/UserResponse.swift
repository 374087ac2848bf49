import Hummingbird
import Storage

/// The public view of a user: never a password or hash.
struct UserResponse: ResponseEncodable, Equatable {
    let id: Int64
    let username: String
    let email: String
    /// ISO-8601 UTC with milliseconds, e.g. `2026-11-25T20:16:35.123Z`.
    let createdAt: String
    /// Whether the user has proved they control `email`.
    let emailVerified: Bool

    init(_ user: User) {
        id = user.id
        username = user.username
        email = user.email
        createdAt = Timestamp.iso8601(user.createdAt)
        emailVerified = user.emailVerified
    }

    private enum CodingKeys: String, CodingKey {
        case id, username, email
        case createdAt = "created_at"
        case emailVerified = "email_verified"
    }
}
