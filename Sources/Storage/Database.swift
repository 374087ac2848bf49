import Foundation

/// Opens the database a `DatabaseURL` names.
public enum Database {
    /// Default pool size: a couple of connections a core, at least four.
    public static var defaultPoolSize: Int { max(4, 2 * ProcessInfo.processInfo.activeProcessorCount) }

    /// Connects to `url`. `poolSize` (e.g. from `DB_POOL_SIZE`) applies when the URL names none.
    /// SQLite opens the file at once; PostgreSQL connects on first use.
    public static func open(_ url: DatabaseURL, poolSize: Int? = nil) async throws -> any UserDatabase {
        try await url.backend.location.open(poolSize: url.requestedPoolSize ?? poolSize ?? defaultPoolSize)
    }
}
