extension SQLConnection {
    /// Runs `body` in a transaction that takes the write lock at once; rolls back on error.
    func inTransaction<T>(_ body: () throws -> T) throws -> T {
        try execute(dialect.beginTransaction)
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Runs `body` in a transaction only when `needed`: a single statement is atomic alone.
    func inTransaction<T>(when needed: Bool, _ body: () throws -> T) throws -> T {
        needed ? try inTransaction(body) : try body()
    }
}
