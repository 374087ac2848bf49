package import Foundation

extension SchemaSession {
    /// The Python service's `users` table, when the database has one and no migration history.
    package func legacyUsersTable() throws -> LegacyUsersTable? {
        let tables = try tableNames()
        guard tables.contains("users"), !tables.contains("schema_migrations") else { return nil }
        let columns = try connection.query(dialect.columnsQuery, [.text("users")]).compactMap { $0.text("name") }
        return try LegacyUsersTable.recognise(columns, rowCount: try rowCount("users"))
    }

    /// Every row of the legacy table, by id.
    package func legacyUsers(_ table: LegacyUsersTable) throws -> [LegacyUser] {
        // Column names come from the recognised list, never from input, so they may be spliced.
        let createdAt = table.hasCreatedAt ? ", created_at" : ""
        let sql = "SELECT id, username, email, \(table.passwordColumn) AS password_hash\(createdAt) FROM users ORDER BY id"
        return try connection.query(sql, []).map { row in
            guard let id = row.integer("id"), let username = row.text("username"), let email = row.text("email"),
                let hash = row.text("password_hash")
            else { throw StorageError.internal("a users row has an empty id, username, email or password") }
            let created = try table.hasCreatedAt ? LegacyTimestamp.date(row["created_at"]) : nil
            return LegacyUser(id: id, username: username, email: email, passwordHash: hash, createdAt: created)
        }
    }

    /// Replaces the legacy table by today's: drops it, runs `createUsers` (the first
    /// migration) and inserts every row with its id, its case-insensitive keys and `created_at`
    /// (`now` where it had none). Call it inside `inTransaction`, so a failure changes nothing.
    package func replaceLegacyUsers(_ users: [LegacyUser], createUsers: String, now: Date) throws {
        try connection.execute("DROP TABLE users")
        try connection.execute(createUsers)
        let p = dialect.placeholder, stamp = dialect.timestampParameter
        let insert = """
            INSERT INTO users (id, username, username_key, email, email_key, password_hash, created_at, updated_at)
            VALUES (\(p(1)), \(p(2)), \(p(3)), \(p(4)), \(p(5)), \(p(6)), \(stamp(7)), \(stamp(7)))
            """
        for user in users {
            let created = Timestamp.milliseconds(user.createdAt ?? now)
            _ = try connection.query(insert, [
                .integer(user.id), .text(user.username), .text(user.username.identityKey),
                .text(user.email), .text(user.email.identityKey), .text(user.passwordHash), .integer(created),
            ])
        }
        if let reset = dialect.resetUsersIdentity { _ = try connection.query(reset, []) }
    }
}
