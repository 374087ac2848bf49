/// The account-token statements, rendered for a dialect.
struct AccountQueries: Sendable {
    /// Binds: hash, user id, purpose, email key, created, expires.
    let insert: String
    /// Deletes the user's unused tokens of a purpose. Binds: user id, purpose.
    let supersede: String
    /// The user owning a usable token. Binds: hash, purpose, now.
    let owner: String
    /// Spends a usable token, returning `user_id`. Binds: hash, purpose, now.
    let spend: String
    /// Spends the user's other unused tokens of a purpose. Binds: user id, purpose, now.
    let spendOthers: String
    /// Binds: now.
    let sweep: String

    init(_ dialect: Dialect, userColumns: String) {
        let p = dialect.placeholder, stamp = dialect.timestampParameter
        // A verification token verifies only the address it was mailed to.
        let usable = """
            used_at IS NULL AND expires_at > \(stamp(3)) AND token_hash = \(p(1)) AND purpose = \(p(2))
            AND (purpose <> 'email_verify' OR email_key = (SELECT email_key FROM users WHERE users.id = account_tokens.user_id))
            """
        insert = """
            INSERT INTO account_tokens (token_hash, user_id, purpose, email_key, created_at, expires_at)
            VALUES (\(p(1)), \(p(2)), \(p(3)), \(p(4)), \(stamp(5)), \(stamp(6)))
            """
        supersede = "DELETE FROM account_tokens WHERE user_id = \(p(1)) AND purpose = \(p(2)) AND used_at IS NULL"
        owner = "SELECT \(userColumns) FROM users WHERE id IN (SELECT user_id FROM account_tokens WHERE \(usable))"
        spend = "UPDATE account_tokens SET used_at = \(stamp(3)) WHERE \(usable) RETURNING user_id"
        spendOthers = """
            UPDATE account_tokens SET used_at = \(stamp(3))
            WHERE user_id = \(p(1)) AND purpose = \(p(2)) AND used_at IS NULL RETURNING token_hash
            """
        sweep = "DELETE FROM account_tokens WHERE used_at IS NOT NULL OR expires_at <= \(stamp(1)) RETURNING token_hash"
    }
}
