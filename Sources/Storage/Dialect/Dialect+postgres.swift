extension Dialect {
    /// PostgreSQL: `$N` parameters, `timestamptz` columns, a polled advisory lock.
    public static let postgres = Dialect(
        name: "postgres",
        placeholder: { "$\($0)" },
        timestampParameter: { "timestamptz 'epoch' + $\($0)::int8 * interval '1 millisecond'" },
        timestampColumn: { "(extract(epoch from \($0)) * 1000)::int8 AS \($0)" },
        beginTransaction: "BEGIN",
        tablesQuery: "SELECT tablename AS name FROM pg_catalog.pg_tables WHERE schemaname = current_schema() ORDER BY 1",
        columnsQuery: """
            SELECT column_name AS name, data_type AS type FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position
            """,
        beginSnapshot: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
        isTimestampType: { $0.hasPrefix("timestamp") },
        resetUsersIdentity: """
            SELECT setval(pg_get_serial_sequence('users', 'id'), coalesce(max(id), 1), max(id) IS NOT NULL) AS next FROM users
            """,
        historyDDL: """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version BIGINT PRIMARY KEY,
                name TEXT NOT NULL,
                checksum TEXT NOT NULL,
                applied_at TIMESTAMPTZ NOT NULL,
                execution_ms BIGINT NOT NULL
            )
            """,
        appliedAtColumn: #"to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS applied_at"#,
        appliedAtParameter: { "$\($0)::timestamptz" },
        // statement_timeout: bounds how long a request can hold a connection.
        statementTimeout: .seconds(10),
        skipLocked: "FOR UPDATE SKIP LOCKED",
        withMigrationLock: postgresMigrationLock
    )

    // "uaus" in ASCII: a class no other tool is likely to pick. The second key is the schema's
    // name hashed, so migrators of one schema exclude each other and never those of another
    // schema in the same database (advisory locks are per database).
    private static let migrationLockClass: Int64 = 0x7561_7573
    private static let migrationLockArguments = "$1::int4, hashtext(current_schema())"

    /// A session-level advisory lock that the server waits for, up to `timeout`
    /// (`lock_timeout`); a migration may legitimately run longer than a request, so the
    /// statement timeout is lifted meanwhile.
    private static func postgresMigrationLock(_ connection: any SQLConnection, _ timeout: Duration, _ body: () throws -> Void) throws {
        // No client-side deadline either: TCP keepalives still notice a dead server.
        try connection.withoutDeadline {
            try connection.execute("SET statement_timeout = 0; SET lock_timeout = \(max(1, timeout.milliseconds))")
            defer {
                try? connection.execute("SET statement_timeout = \(Dialect.postgres.statementTimeout.milliseconds); SET lock_timeout = 0")
            }
            let key = SQLValue.integer(migrationLockClass)
            do {
                _ = try connection.query("SELECT pg_advisory_lock(\(migrationLockArguments)) AS locked", [key])
            } catch let error as StorageError where error.code == .unavailable {
                throw StorageError.unavailable("no migration lock within \(timeout) (another migrator may hold it): \(error)")
            }
            defer { _ = try? connection.query("SELECT pg_advisory_unlock(\(migrationLockArguments)) AS unlocked", [key]) }
            try body()
        }
    }
}
