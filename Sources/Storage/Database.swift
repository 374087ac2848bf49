import Foundation

/// Opens the database a `DatabaseURL` names.
public enum Database {
    /// Default pool size. PostgreSQL: a couple of connections a core, at least four, so that
    /// network waits overlap. SQLite: a reader for every two cores, since a read takes
    /// microseconds and every further thread only adds wake-ups (`scripts/bench.sh` on two
    /// cores: 10,800 req/s of `GET /users/me` with one reader, 9,000 with two, 7,400 with eight).
    public static func defaultPoolSize(for url: DatabaseURL) -> Int {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        if case .sqlite = url { return max(1, cores / 2) }
        return max(4, 2 * cores)
    }

    /// Connects to `url`. `poolSize` (e.g. from `DB_POOL_SIZE`) applies when the URL names none.
    /// SQLite opens the file at once; PostgreSQL connects on first use.
    public static func open(_ url: DatabaseURL, poolSize: Int? = nil) async throws -> any UserDatabase {
        try await url.backend.location.open(poolSize: url.requestedPoolSize ?? poolSize ?? defaultPoolSize(for: url))
    }
}
