/// Persistent user accounts. Every method throws only `StorageError`.
public protocol UserStorage: Sendable {
    /// Inserts a user; `.conflict(field)` when the username or email is taken.
    func create(_ user: NewUser) async throws -> User
    /// The user with this id, or `nil`.
    func find(id: Int64) async throws -> User?
    /// The user whose username equals `username` case-insensitively, or `nil`.
    func find(username: String) async throws -> User?
    /// The user whose email equals `email` case-insensitively, or `nil`.
    func find(email: String) async throws -> User?
    /// Applies the non-nil fields; `.notFound` (also when `expectedPasswordHash` no longer
    /// matches) or `.conflict(field)` on failure. A token-revoking
    /// update also revokes every session of the user, in the same transaction.
    func update(id: Int64, _ update: UserUpdate) async throws -> User
    /// Deletes the user and returns what was deleted; `.notFound` when absent.
    func delete(id: Int64) async throws -> User
    /// Cheap check that the database answers; throws `.unavailable` otherwise.
    func ping() async throws
}
