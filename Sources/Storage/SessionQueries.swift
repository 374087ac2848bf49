/// The session statements, written once and rendered for a dialect.
struct SessionQueries: Sendable {
    let insertSession: String
    let insertToken: String
    let spendToken: String
    let tokenExists: String
    let extend: String
    let revoke: String
    let revokeByID: String
    let revokeAll: String
    let active: String
    let userWithSession: String
    let sweep: String

    init(_ dialect: Dialect, userColumns: String) {
        let p = dialect.placeholder, stampIn = dialect.timestampParameter, stampOut = dialect.timestampColumn
        let row = """
            id, user_id, \(stampOut("created_at")), \(stampOut("last_used_at")), \(stampOut("auth_time")),
            \(stampOut("expires_at")), user_agent, ip
            """
        let isActive = "revoked_at IS NULL AND expires_at > \(stampIn(2))"
        insertSession = """
            INSERT INTO sessions (id, user_id, created_at, last_used_at, auth_time, expires_at, absolute_expires_at, user_agent, ip)
            VALUES (\(p(1)), \(p(2)), \(stampIn(3)), \(stampIn(3)), \(stampIn(3)), \(stampIn(4)), \(stampIn(5)), \(p(6)), \(p(7)))
            RETURNING \(row)
            """
        insertToken = "INSERT INTO refresh_tokens (token_hash, session_id, issued_at) VALUES (\(p(1)), \(p(2)), \(stampIn(3)))"
        spendToken = """
            UPDATE refresh_tokens SET used_at = \(stampIn(2)) WHERE token_hash = \(p(1)) AND used_at IS NULL RETURNING session_id
            """
        tokenExists = """
            SELECT refresh_tokens.session_id, sessions.user_id FROM refresh_tokens
            JOIN sessions ON sessions.id = refresh_tokens.session_id WHERE refresh_tokens.token_hash = \(p(1))
            """
        // A refresh extends the session to the new token's expiry, never past its hard limit.
        extend = """
            UPDATE sessions SET last_used_at = \(stampIn(2)),
                expires_at = CASE WHEN \(stampIn(3)) < absolute_expires_at THEN \(stampIn(3)) ELSE absolute_expires_at END
            WHERE id = \(p(1)) AND \(isActive) RETURNING \(row)
            """
        revoke = "UPDATE sessions SET revoked_at = \(stampIn(2)) WHERE id = \(p(1)) AND user_id = \(p(3)) AND \(isActive) RETURNING id"
        revokeByID = "UPDATE sessions SET revoked_at = \(stampIn(2)) WHERE id = \(p(1)) AND revoked_at IS NULL"
        revokeAll = """
            UPDATE sessions SET revoked_at = \(stampIn(2)) WHERE user_id = \(p(1)) AND \(isActive) AND id <> \(p(3)) RETURNING id
            """
        active = "SELECT \(row) FROM sessions WHERE user_id = \(p(1)) AND \(isActive) ORDER BY created_at DESC, id"
        userWithSession = """
            SELECT \(userColumns), (SELECT count(*) FROM sessions s WHERE s.id = \(p(2)) AND s.user_id = users.id
                AND s.revoked_at IS NULL AND s.expires_at > \(stampIn(3))) AS session_active
            FROM users WHERE id = \(p(1))
            """
        sweep = "DELETE FROM sessions WHERE revoked_at IS NOT NULL OR expires_at <= \(stampIn(1)) RETURNING id"
    }
}
