extension PostgresConnection {
    /// Maps a server error (SQLSTATE and constraint name) to a typed storage error.
    static func error(sqlState: String, constraint: String?, message: String) -> StorageError {
        if sqlState == "23505" {
            return .conflict(Dialect.conflictingField(constraint ?? message))
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
