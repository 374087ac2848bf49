extension User {
    /// Decodes `id, username, email, password_hash, created_at_ms, updated_at_ms, token_version`.
    init(row: [String?]) throws {
        guard row.count == 7,
            let id = row[0].flatMap({ Int64($0) }),
            let username = row[1], let email = row[2], let hash = row[3],
            let created = row[4].flatMap({ Int64($0) }),
            let updated = row[5].flatMap({ Int64($0) }),
            let tokenVersion = row[6].flatMap({ Int64($0) })
        else { throw StorageError.internal("unexpected users row shape") }
        self.init(
            id: id, username: username, email: email, passwordHash: hash,
            createdAt: Timestamp.date(fromMilliseconds: created),
            updatedAt: Timestamp.date(fromMilliseconds: updated),
            tokenVersion: tokenVersion
        )
    }
}
