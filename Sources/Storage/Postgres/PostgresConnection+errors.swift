extension PostgresConnection {
    /// Maps a server error (SQLSTATE and constraint name) to a typed storage error.
    static func error(sqlState: String, constraint: String?, message: String) -> StorageError {
        // Only a user's name or email is a conflict the caller can act on; any other
        // duplicate (an outbox id) is a bug.
        if sqlState == "23505", let field = Dialect.conflictingField(constraint ?? message) {
            return .conflict(field)
        }
        // 08: connection exception, 53: insufficient resources, 57P0x: server shutting down,
        // 57014: statement cancelled (a timeout), 55P03: lock not available (lock_timeout).
        let transient = ["08", "53", "57P01", "57P02", "57P03", "57014", "55P03", "40001", "40P01"]
        if transient.contains(where: sqlState.hasPrefix) {
            return .unavailable("postgres: \(message)")
        }
        return .internal("postgres: \(message)")
    }
}
