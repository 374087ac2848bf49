extension PostgresURL: DatabaseBackend {
    /// One pool serves reads and writes; connections open on first use.
    func open(poolSize: Int) async throws -> any UserDatabase {
        let pool = ConnectionPool(capacity: poolSize) { try PostgresConnection(self) }
        return SQLUserStorage(dialect: .postgres, readers: pool, writer: pool)
    }
}
