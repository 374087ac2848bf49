extension SQLiteLocation: DatabaseBackend {
    var redacted: String { description }

    /// One writer connection and `poolSize` read-only readers; in memory, one connection.
    func open(poolSize: Int) async throws -> any UserDatabase {
        guard case .file(let path) = self else {
            // Each connection to ":memory:" is its own database, so one connection does everything.
            let only = ConnectionPool(capacity: 1) { try SQLiteConnection.writer(path: ":memory:") }
            return SQLUserStorage(dialect: .sqlite, readers: only, writer: only)
        }
        let writer = ConnectionPool(capacity: 1) { try SQLiteConnection.writer(path: path) }
        do {
            // Creates the file and switches it to WAL before any reader opens it.
            try await writer.withConnection { _ in }
        } catch {
            await writer.close()
            throw error
        }
        let readers = ConnectionPool(capacity: poolSize) {
            try SQLiteConnection(path: path, readOnly: true, busyTimeout: Dialect.sqlite.statementTimeout)
        }
        return SQLUserStorage(dialect: .sqlite, readers: readers, writer: writer)
    }
}
