/// The audit statements, rendered for a dialect.
struct AuditQueries: Sendable {
    /// Binds: id, occurred, type, user id, reason, client, user agent, request id.
    let insert: String
    /// Binds: user id, limit.
    let firstPage: String
    /// Binds: user id, limit, before (an id).
    let page: String
    /// Binds: before.
    let sweep: String

    init(_ dialect: Dialect) {
        let p = dialect.placeholder, stamp = dialect.timestampParameter
        insert = """
            INSERT INTO audit_events (id, occurred_at, type, user_id, reason, client, user_agent, request_id)
            VALUES (\(p(1)), \(stamp(2)), \(p(3)), \(p(4)), \(p(5)), \(p(6)), \(p(7)), \(p(8)))
            """
        let select = """
            SELECT id, \(dialect.timestampColumn("occurred_at")), type, user_id, reason, client, user_agent, request_id
            FROM audit_events WHERE user_id = \(p(1))
            """
        firstPage = "\(select) ORDER BY id DESC LIMIT \(p(2))"
        page = "\(select) AND id < \(p(3)) ORDER BY id DESC LIMIT \(p(2))"
        sweep = "DELETE FROM audit_events WHERE occurred_at < \(stamp(1)) RETURNING id"
    }
}
