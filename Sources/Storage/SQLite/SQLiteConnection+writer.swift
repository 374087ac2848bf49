extension SQLiteConnection {
    /// A read-write connection set up for durability: WAL so readers never wait behind
    /// the writer, FULL sync so an acknowledged write survives a crash.
    static func writer(path: String) throws -> SQLiteConnection {
        let connection = try SQLiteConnection(path: path, readOnly: false, busyTimeout: Database.busyTimeout)
        if path != ":memory:" {
            _ = try connection.query("PRAGMA journal_mode = WAL", [])
        }
        try connection.execute("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")
        return connection
    }
}
