extension Session: SQLRowDecodable {
    /// The session columns, timestamps as milliseconds.
    init(row: SQLRow) throws {
        guard let id = row.text("id"), let userID = row.integer("user_id"), let created = row.integer("created_at"),
            let lastUsed = row.integer("last_used_at"), let authTime = row.integer("auth_time"),
            let expires = row.integer("expires_at")
        else { throw StorageError.internal("unexpected sessions row shape") }
        self.init(
            id: id, userID: userID, createdAt: Timestamp.date(fromMilliseconds: created),
            lastUsedAt: Timestamp.date(fromMilliseconds: lastUsed), authTime: Timestamp.date(fromMilliseconds: authTime),
            expiresAt: Timestamp.date(fromMilliseconds: expires), userAgent: row.text("user_agent"), ip: row.text("ip"))
    }
}
