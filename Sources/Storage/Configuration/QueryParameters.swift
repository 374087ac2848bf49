/// The URL query parameters this package reads itself (libpq gets the others).
enum QueryParameters {
    /// Names accepted for the connection pool size.
    static let poolSizeNames: Set<String> = ["pool_size", "pool_max_conns"]

    /// The pool size in `query`, if present; rejects anything else for SQLite.
    static func poolSize(in query: String) throws(DatabaseURLError) -> Int? {
        var size: Int?
        for pair in query.split(separator: "&") {
            let (name, value) = split(pair)
            guard poolSizeNames.contains(name) else {
                throw DatabaseURLError("unsupported SQLite URL parameter '\(name)'")
            }
            size = try parsePoolSize(value)
        }
        return size
    }

    /// A positive pool size, at most 1000.
    static func parsePoolSize(_ value: String) throws(DatabaseURLError) -> Int {
        guard let size = Int(value), (1...1000).contains(size) else {
            throw DatabaseURLError("pool_size must be a whole number from 1 to 1000, not '\(value)'")
        }
        return size
    }

    static func split(_ pair: Substring) -> (name: String, value: String) {
        let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
    }
}
