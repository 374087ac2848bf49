/// The outbox statements, rendered for a dialect.
struct OutboxQueries: Sendable {
    /// Binds: id, message id, recipient, subject, text, html, created.
    let insert: String
    /// Binds: now, claimed until, limit.
    let claim: String
    /// Binds: id, now.
    let sent: String
    /// Binds: id, retry at, error.
    let retry: String
    /// Binds: id, error.
    let fail: String
    let counts = "SELECT status, count(*) AS n FROM outbox GROUP BY status"
    let oldestPending: String
    /// Binds: settled before.
    let sweep: String

    init(_ dialect: Dialect) {
        let p = dialect.placeholder, stamp = dialect.timestampParameter, stampOut = dialect.timestampColumn
        insert = """
            INSERT INTO outbox (id, message_id, recipient, subject, text_body, html_body, created_at, next_attempt_at)
            VALUES (\(p(1)), \(p(2)), \(p(3)), \(p(4)), \(p(5)), \(p(6)), \(stamp(7)), \(stamp(7)))
            """
        claim = """
            UPDATE outbox SET claimed_until = \(stamp(2)), attempts = attempts + 1
            WHERE id IN (
                SELECT id FROM outbox
                WHERE status = 'pending' AND next_attempt_at <= \(stamp(1)) AND (claimed_until IS NULL OR claimed_until <= \(stamp(1)))
                ORDER BY next_attempt_at, id LIMIT \(p(3)) \(dialect.skipLocked)
            )
            RETURNING id, message_id, recipient, subject, text_body, html_body, \(stampOut("created_at")), attempts
            """
        let cleared = "claimed_until = NULL, text_body = '', html_body = ''"
        sent = "UPDATE outbox SET status = 'sent', sent_at = \(stamp(2)), \(cleared) WHERE id = \(p(1)) RETURNING id"
        retry = """
            UPDATE outbox SET next_attempt_at = \(stamp(2)), claimed_until = NULL, last_error = \(p(3))
            WHERE id = \(p(1)) RETURNING id
            """
        fail = "UPDATE outbox SET status = 'failed', last_error = \(p(2)), \(cleared) WHERE id = \(p(1)) RETURNING id"
        oldestPending = "SELECT \(stampOut("created_at")) FROM outbox WHERE status = 'pending' ORDER BY created_at LIMIT 1"
        sweep = """
            DELETE FROM outbox WHERE status <> 'pending' AND coalesce(sent_at, created_at) <= \(stamp(1)) RETURNING id
            """
    }
}
