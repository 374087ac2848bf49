/// Where users are stored, parsed from a SQLAlchemy-style `DATABASE_URL`.
public enum DatabaseURL: Sendable, Equatable {
    /// A SQLite database (system libsqlite3).
    case sqlite(SQLiteLocation, poolSize: Int?)
    /// A PostgreSQL database (system libpq).
    case postgres(PostgresURL)

    /// What the Python service defaulted to: `test.db` in the working directory.
    public static let defaultString = "sqlite:///./test.db"

    /// Parses `string` by SQLAlchemy's rules; the scheme picks the backend.
    public init(parsing string: String) throws(DatabaseURLError) {
        let trimmed = string.trimmingPrefix(while: \.isWhitespace)
        guard let separator = trimmed.firstRange(of: "://") else {
            throw DatabaseURLError("expected scheme://..., e.g. \(DatabaseURL.defaultString)")
        }
        let scheme = trimmed[..<separator.lowerBound].lowercased()
        let rest = String(trimmed[separator.upperBound...])
        // "postgresql+psycopg2" and "sqlite+pysqlite" name a Python driver; it does not matter here.
        let backend = scheme.split(separator: "+", maxSplits: 1).first.map(String.init) ?? ""
        switch backend {
        case "sqlite":
            let (location, poolSize) = try SQLiteLocation.parse(rest)
            self = .sqlite(location, poolSize: poolSize)
        case "postgresql", "postgres":
            self = .postgres(try PostgresURL(afterScheme: rest))
        default:
            let shown = scheme.isEmpty ? "(empty)" : "'\(scheme)'"
            throw DatabaseURLError("unknown scheme \(shown); use sqlite:/// or postgresql://")
        }
    }

    /// The URL with any password replaced by `***`, fit for logs and messages.
    public var redacted: String { backend.location.redacted }

    /// The pool size the URL asked for with `?pool_size=N`, if any.
    public var requestedPoolSize: Int? { backend.poolSize }

    /// The backend the scheme chose and the pool size it asked for: the one place that tells
    /// the cases apart.
    var backend: (location: any DatabaseBackend, poolSize: Int?) {
        switch self {
        case .sqlite(let location, let poolSize): (location, poolSize)
        case .postgres(let url): (url, url.poolSize)
        }
    }
}
