import Foundation

extension SchemaSession {
    /// Creates `schema_migrations` unless it exists.
    package func createHistory() throws {
        try connection.execute(dialect.historyDDL)
    }

    /// Every applied migration, oldest version first; empty when there is no history yet.
    package func appliedMigrations() throws -> [AppliedMigration] {
        guard try tableNames().contains("schema_migrations") else { return [] }
        let sql = "SELECT version, name, checksum, \(dialect.appliedAtColumn), execution_ms FROM schema_migrations ORDER BY version"
        return try connection.query(sql, []).map { try $0.decode(AppliedMigration.self) }
    }

    /// Whether `version` is recorded as applied.
    package func isApplied(_ version: Int) throws -> Bool {
        let sql = "SELECT count(*) AS n FROM schema_migrations WHERE version = \(dialect.placeholder(1))"
        return try connection.query(sql, [.integer(Int64(version))]).first?.integer("n") == 1
    }

    /// Records `version` as applied now.
    package func recordApplied(version: Int, name: String, checksum: String, milliseconds: Int64) throws {
        let p = dialect.placeholder
        let sql = """
            INSERT INTO schema_migrations (version, name, checksum, applied_at, execution_ms)
            VALUES (\(p(1)), \(p(2)), \(p(3)), \(dialect.appliedAtParameter(4)), \(p(5)))
            """
        _ = try connection.query(sql, [
            .integer(Int64(version)), .text(name), .text(checksum), .text(Timestamp.iso8601(Date())), .integer(milliseconds),
        ])
    }

    /// Forgets that `version` was applied.
    package func removeApplied(_ version: Int) throws {
        _ = try connection.query("DELETE FROM schema_migrations WHERE version = \(dialect.placeholder(1))", [.integer(Int64(version))])
    }
}

extension SchemaSession {
    /// Records that migrations up to `version` were not run but adopted from existing data, so
    /// `down` never reverts them.
    package func markBaseline(_ version: Int, note: String) throws {
        try connection.execute("CREATE TABLE IF NOT EXISTS schema_baseline (version INTEGER NOT NULL, note TEXT NOT NULL)")
        _ = try connection.query(
            "INSERT INTO schema_baseline (version, note) VALUES (\(dialect.placeholder(1)), \(dialect.placeholder(2)))",
            [.integer(Int64(version)), .text(note)])
    }

    /// The adopted baseline version, if the database was adopted.
    package func baselineVersion() throws -> Int? {
        guard try tableNames().contains("schema_baseline") else { return nil }
        return try connection.query("SELECT max(version) AS version FROM schema_baseline", []).first?.integer("version").map(Int.init)
    }
}
