import Foundation

extension Dialect {
    /// SQLite: `?N` parameters, integer millisecond timestamps, `BEGIN IMMEDIATE`.
    public static let sqlite = Dialect(
        name: "sqlite",
        placeholder: { "?\($0)" },
        timestampParameter: { "?\($0)" },
        timestampColumn: { $0 },
        beginTransaction: "BEGIN IMMEDIATE",
        tablesQuery: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1",
        columnsQuery: "SELECT name, type FROM pragma_table_info(?1) ORDER BY cid",
        // In WAL mode a read transaction sees the database as of its first read.
        beginSnapshot: "BEGIN",
        // Timestamps are plain integers here; the other side of a copy tells them apart.
        isTimestampType: { _ in false },
        // AUTOINCREMENT remembers the largest id ever inserted, explicit ones included.
        resetUsersIdentity: nil,
        historyDDL: """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                checksum TEXT NOT NULL,
                applied_at TEXT NOT NULL,
                execution_ms INTEGER NOT NULL
            )
            """,
        appliedAtColumn: "applied_at",
        appliedAtParameter: { "?\($0)" },
        // The busy timeout: how long a statement waits for another writer's lock.
        statementTimeout: .seconds(5),
        skipLocked: "",
        withMigrationLock: sqliteMigrationLock
    )

    /// Each migration's `BEGIN IMMEDIATE` is the lock between migrators, so only the busy
    /// timeout is stretched to the lock timeout while migrating.
    private static func sqliteMigrationLock(_ connection: any SQLConnection, _ timeout: Duration, _ body: () throws -> Void) throws {
        try connection.execute("PRAGMA busy_timeout = \(timeout.milliseconds)")
        defer { try? connection.execute("PRAGMA busy_timeout = \(Dialect.sqlite.statementTimeout.milliseconds)") }
        try body()
    }
}
