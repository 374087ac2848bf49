extension SQLiteConnection {
    /// A read-write connection set up for durability: WAL so readers never wait behind
    /// the writer, FULL sync so an acknowledged write survives a crash.
    static func writer(path: String) throws -> SQLiteConnection {
        let busyTimeout = Dialect.sqlite.statementTimeout
        let connection = try SQLiteConnection(path: path, readOnly: false, busyTimeout: busyTimeout)
        let deadline = ContinuousClock.now + busyTimeout
        if path != ":memory:" {
            try connection.execute("PRAGMA journal_mode = WAL", retryingBusyUntil: deadline)
        }
        try connection.execute("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;", retryingBusyUntil: deadline)
        return connection
    }
}
