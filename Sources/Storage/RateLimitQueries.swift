/// The throttling statements, rendered for a dialect.
struct RateLimitQueries: Sendable {
    private let dialect: Dialect
    let reset: String
    let sweep: String

    init(_ dialect: Dialect) {
        self.dialect = dialect
        reset = "DELETE FROM rate_limits WHERE key = \(dialect.placeholder(1))"
        sweep = "DELETE FROM rate_limits WHERE window_end <= \(dialect.timestampParameter(1)) RETURNING key"
    }

    /// Counts `keys` events: binds are key and window end per event, then now.
    func count(_ keys: Int) -> String {
        let p = dialect.placeholder, stamp = dialect.timestampParameter
        let rows = (0..<keys).map { "(\(p(2 * $0 + 1)), 1, \(stamp(2 * $0 + 2)))" }.joined(separator: ", ")
        let open = "rate_limits.window_end > \(stamp(2 * keys + 1))"
        return """
            INSERT INTO rate_limits (key, count, window_end) VALUES \(rows)
            ON CONFLICT (key) DO UPDATE SET
                count = CASE WHEN \(open) THEN rate_limits.count + 1 ELSE 1 END,
                window_end = CASE WHEN \(open) THEN rate_limits.window_end ELSE excluded.window_end END
            RETURNING key, count, \(dialect.timestampColumn("window_end"))
            """
    }

    /// The open windows of `keys` keys: binds are the keys, then now.
    func counts(_ keys: Int) -> String {
        let p = dialect.placeholder
        let list = (1...keys).map(p).joined(separator: ", ")
        return """
            SELECT key, count, \(dialect.timestampColumn("window_end")) FROM rate_limits
            WHERE key IN (\(list)) AND window_end > \(dialect.timestampParameter(keys + 1))
            """
    }
}
