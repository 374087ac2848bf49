/// The `users` table of the Python (FastAPI + SQLAlchemy) service, as found in a database
/// that has no migration history yet.
public struct LegacyUsersTable: Sendable, Equatable {
    /// Its rows.
    public let rowCount: Int
    /// Where the passlib hashes are: `hashed_password`, `password_hash` or `password`.
    public let passwordColumn: String
    /// Whether it has `created_at` (otherwise adoption uses the adoption time).
    public let hasCreatedAt: Bool

    /// The names the password column goes by in the service's variants.
    static let passwordColumns = ["hashed_password", "password_hash", "password"]

    /// Recognises `columns`, or says which were found and which are expected.
    static func recognise(_ columns: [String], rowCount: Int) throws -> LegacyUsersTable {
        let found = Set(columns)
        let password = passwordColumns.first { found.contains($0) }
        let allowed = Set(["id", "username", "email", "created_at"] + passwordColumns)
        guard let password, ["id", "username", "email"].allSatisfy(found.contains), found.isSubset(of: allowed) else {
            throw StorageError.internal(
                "a users table without migration history has columns \(columns.joined(separator: ", ")); expected the Python service's id, username, email, hashed_password (or password_hash, or password) and optionally created_at")
        }
        return LegacyUsersTable(rowCount: rowCount, passwordColumn: password, hasCreatedAt: found.contains("created_at"))
    }
}
