/// Where a SQLite database lives.
public enum SQLiteLocation: Sendable, Equatable, CustomStringConvertible {
    /// A private in-memory database that lives as long as the process.
    case memory
    /// A file; a relative path is relative to the working directory.
    case file(String)

    public var description: String {
        switch self {
        case .memory: "sqlite:///:memory:"
        case .file(let path): "sqlite:///\(path)"
        }
    }

    /// SQLAlchemy's rules: `sqlite://` and `sqlite:///:memory:` are in memory,
    /// `sqlite:///x.db` is relative, `sqlite:////abs/x.db` is absolute.
    static func parse(_ rest: String) throws(DatabaseURLError) -> (SQLiteLocation, Int?) {
        let parts = rest.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let poolSize = try parts.count > 1 ? QueryParameters.poolSize(in: String(parts[1])) : nil
        let target = parts.first.map(String.init) ?? ""
        if target.isEmpty { return (.memory, poolSize) }
        guard target.hasPrefix("/") else {
            throw DatabaseURLError("a SQLite URL has no host: write sqlite:///relative.db or sqlite:////absolute.db")
        }
        let path = String(target.dropFirst())
        if path.isEmpty || path == ":memory:" { return (.memory, poolSize) }
        return (.file(path), poolSize)
    }
}
