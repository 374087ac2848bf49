extension User: SQLRowDecodable {
    /// The user columns: id, username, email, password_hash, created_at, updated_at (as
    /// milliseconds), token_version and email_verified.
    init(row: SQLRow) throws {
        guard let id = row.integer("id"), let username = row.text("username"), let email = row.text("email"),
            let hash = row.text("password_hash"), let created = row.integer("created_at"),
            let updated = row.integer("updated_at"), let tokenVersion = row.integer("token_version"),
            let verified = row.integer("email_verified")
        else { throw StorageError.internal("unexpected users row shape") }
        self.init(
            id: id, username: username, email: email, passwordHash: hash,
            createdAt: Timestamp.date(fromMilliseconds: created),
            updatedAt: Timestamp.date(fromMilliseconds: updated),
            tokenVersion: tokenVersion, emailVerified: verified != 0
        )
    }
}
