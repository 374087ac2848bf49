extension User: SQLRowDecodable {
    /// The user columns: id, username, email, password_hash, created_at, updated_at (as
    /// milliseconds) and token_version.
    init(row: SQLRow) throws {
        guard let id = row.integer("id"), let username = row.text("username"), let email = row.text("email"),
            let hash = row.text("password_hash"), let created = row.integer("created_at"),
            let updated = row.integer("updated_at"), let tokenVersion = row.integer("token_version")
        else { throw StorageError.internal("unexpected users row shape") }
        self.init(
            id: id, username: username, email: email, passwordHash: hash,
            createdAt: Timestamp.date(fromMilliseconds: created),
            updatedAt: Timestamp.date(fromMilliseconds: updated),
            tokenVersion: tokenVersion
        )
    }
}
