import Foundation

/// Opens the database a `DatabaseURL` names.
public enum Database {
    /// Default pool size: a couple of connections a core, at least four.
    public static var defaultPoolSize: Int { max(4, 2 * ProcessInfo.processInfo.activeProcessorCount) }

    /// How long a SQLite connection waits for another writer before giving up.
    static let busyTimeout = Duration.seconds(5)

    /// Connects to `url`. `poolSize` (e.g. from `DB_POOL_SIZE`) applies when the URL names none.
    /// SQLite opens the file at once; PostgreSQL connects on first use.
    public static func open(_ url: DatabaseURL, poolSize: Int? = nil) async throws -> any UserDatabase {
        let size = url.requestedPoolSize ?? poolSize ?? defaultPoolSize
        switch url {
        case .sqlite(let location, _):
            return try await openSQLite(location, readers: size)
        case .postgres(let postgres):
            let pool = ConnectionPool(capacity: size) { try PostgresConnection(postgres) }
            return SQLUserStorage(dialect: .postgres, readers: pool, writer: pool)
        }
    }

    private static func openSQLite(_ location: SQLiteLocation, readers: Int) async throws -> any UserDatabase {
        guard case .file(let path) = location else {
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
        let pool = ConnectionPool(capacity: readers) {
            try SQLiteConnection(path: path, readOnly: true, busyTimeout: busyTimeout)
        }
        return SQLUserStorage(dialect: .sqlite, readers: pool, writer: writer)
    }
}
