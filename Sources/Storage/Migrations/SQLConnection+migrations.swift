import Foundation

extension SQLConnection {
    /// Runs `body` while holding the database-wide migration lock, so two migrators never
    /// interleave. PostgreSQL: a polled advisory lock. SQLite: each migration's
    /// `BEGIN IMMEDIATE` is the lock, so only the busy timeout is stretched.
    func withMigrationLock<T>(timeout: Duration, _ body: () throws -> T) throws -> T {
        switch dialect {
        case .postgres:
            // A migration may legitimately run longer than a request may.
            try execute("SET statement_timeout = 0")
            defer { try? execute("SET statement_timeout = \(PostgresConnection.statementTimeoutMilliseconds)") }
            try acquireAdvisoryLock(timeout: timeout)
            defer { _ = try? query("SELECT pg_advisory_unlock($1)", [.integer(Self.lockKey)]) }
            return try body()
        case .sqlite:
            try execute("PRAGMA busy_timeout = \(timeout.components.seconds * 1000)")
            defer { try? execute("PRAGMA busy_timeout = \(Database.busyTimeout.components.seconds * 1000)") }
            return try body()
        }
    }

    /// Runs `body` in a transaction that takes the write lock at once; rolls back on error.
    func inTransaction<T>(_ body: () throws -> T) throws -> T {
        try execute(dialect == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    // "userauth" in ASCII: a key no other tool is likely to pick.
    private static var lockKey: Int64 { 0x7573_6572_6175_7468 }

    private func acquireAdvisoryLock(timeout: Duration) throws {
        let deadline = ContinuousClock.now + timeout
        while try query("SELECT pg_try_advisory_lock($1)", [.integer(Self.lockKey)]).first?.first != "t" {
            guard ContinuousClock.now < deadline else {
                throw MigrationError("another migrator still holds the migration lock after \(timeout)")
            }
            // This runs on a thread the storage owns, never on the cooperative pool.
            Thread.sleep(forTimeInterval: 0.1)
        }
    }
}
