/// The user statements, written once and rendered for a dialect.
struct UserQueries: Sendable {
    let insert: String
    let selectByID: String
    let selectByUsernameKey: String
    let selectByEmailKey: String
    let update: String
    let delete: String
    let ping = "SELECT 1 AS ok"
    /// The user columns every statement returns, in the form `User(row:)` reads.
    let columns: String

    init(_ dialect: Dialect) {
        let p = dialect.placeholder, stampIn = dialect.timestampParameter, stampOut = dialect.timestampColumn
        let row = "id, username, email, password_hash, \(stampOut("created_at")), \(stampOut("updated_at")), token_version, email_verified"
        columns = row
        insert = """
            INSERT INTO users (username, username_key, email, email_key, password_hash, created_at, updated_at)
            VALUES (\(p(1)), \(p(2)), \(p(3)), \(p(4)), \(p(5)), \(stampIn(6)), \(stampIn(6))) RETURNING \(row)
            """
        selectByID = "SELECT \(row) FROM users WHERE id = \(p(1))"
        selectByUsernameKey = "SELECT \(row) FROM users WHERE username_key = \(p(1))"
        selectByEmailKey = "SELECT \(row) FROM users WHERE email_key = \(p(1))"
        update = """
            UPDATE users SET
                username = coalesce(\(p(2)), username), username_key = coalesce(\(p(3)), username_key),
                email = coalesce(\(p(4)), email), email_key = coalesce(\(p(5)), email_key),
                password_hash = coalesce(\(p(6)), password_hash), updated_at = \(stampIn(7)),
                token_version = token_version + \(p(8)), email_verified = coalesce(\(p(10)), email_verified)
            WHERE id = \(p(1)) AND (CAST(\(p(9)) AS TEXT) IS NULL OR password_hash = \(p(9))) RETURNING \(row)
            """
        delete = "DELETE FROM users WHERE id = \(p(1)) RETURNING \(row)"
    }
}
