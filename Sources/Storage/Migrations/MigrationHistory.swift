import Foundation

/// The `schema_migrations` table, in each dialect.
struct MigrationHistory {
    let connection: any SQLConnection

    private var isPostgres: Bool { connection.dialect == .postgres }

    func exists() throws -> Bool {
        let sql = isPostgres
            ? "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = 'schema_migrations'"
            : "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
        return try connection.query(sql, []).first?.first == "1"
    }

    func create() throws {
        let (integer, timestamp) = isPostgres ? ("BIGINT", "TIMESTAMPTZ") : ("INTEGER", "TEXT")
        try connection.execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version \(integer) PRIMARY KEY,
                name TEXT NOT NULL,
                checksum TEXT NOT NULL,
                applied_at \(timestamp) NOT NULL,
                execution_ms \(integer) NOT NULL
            )
            """)
    }

    /// Every applied migration, oldest version first; empty when there is no table yet.
    func applied() throws -> [AppliedMigration] {
        guard try exists() else { return [] }
        let appliedAt = isPostgres
            ? #"to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')"#
            : "applied_at"
        let rows = try connection.query(
            "SELECT version, name, checksum, \(appliedAt), execution_ms FROM schema_migrations ORDER BY version", [])
        return try rows.map { row in
            guard let version = row[0].flatMap({ Int($0) }), let name = row[1], let checksum = row[2],
                let at = row[3], let ms = row[4].flatMap({ Int64($0) })
            else { throw StorageError.internal("unexpected schema_migrations row") }
            return AppliedMigration(version: version, name: name, checksum: checksum, appliedAt: at, executionMilliseconds: ms)
        }
    }

    func contains(_ version: Int) throws -> Bool {
        let sql = "SELECT count(*) FROM schema_migrations WHERE version = \(placeholder(1))"
        return try connection.query(sql, [.integer(Int64(version))]).first?.first == "1"
    }

    func record(_ migration: Migration, milliseconds: Int64) throws {
        let stamp = isPostgres ? "\(placeholder(4))::timestamptz" : placeholder(4)
        let sql = """
            INSERT INTO schema_migrations (version, name, checksum, applied_at, execution_ms)
            VALUES (\(placeholder(1)), \(placeholder(2)), \(placeholder(3)), \(stamp), \(placeholder(5)))
            """
        let now = Timestamp.iso8601(Date())
        _ = try connection.query(sql, [
            .integer(Int64(migration.version)), .text(migration.name), .text(migration.checksum),
            .text(now), .integer(milliseconds),
        ])
    }

    func remove(_ version: Int) throws {
        _ = try connection.query(
            "DELETE FROM schema_migrations WHERE version = \(placeholder(1))", [.integer(Int64(version))])
    }

    private func placeholder(_ index: Int) -> String { isPostgres ? "$\(index)" : "?\(index)" }
}
