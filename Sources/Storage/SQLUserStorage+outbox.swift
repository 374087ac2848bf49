import Foundation

extension SQLUserStorage: OutboxStorage {
    func claimMail(limit: Int, lease: Duration, now: Date) async throws -> [OutboxMessage] {
        let stamp = Timestamp.milliseconds(now)
        let (sql, binds) = (outboxQueries.claim, [SQLValue.integer(stamp), .integer(stamp + lease.milliseconds), .integer(Int64(limit))])
        let claimed = try await writer.withConnection { connection in
            // One transaction that takes the write lock at once: on SQLite the single writer
            // serialises claims; on PostgreSQL SKIP LOCKED keeps couriers off each other's rows.
            try connection.inTransaction { try connection.query(sql, binds).map { try $0.decode(OutboxMessage.self) } }
        }
        // RETURNING has no order of its own: oldest first.
        return claimed.sorted { ($0.mail.createdAt, $0.mail.id) < ($1.mail.createdAt, $1.mail.id) }
    }

    func markSent(id: String, now: Date) async throws {
        try await settle(outboxQueries.sent, [.text(id), .integer(Timestamp.milliseconds(now))])
    }

    func retryMail(id: String, at retryAt: Date, error: String) async throws {
        try await settle(outboxQueries.retry, [.text(id), .integer(Timestamp.milliseconds(retryAt)), .text(error)])
    }

    func failMail(id: String, error: String) async throws {
        try await settle(outboxQueries.fail, [.text(id), .text(error)])
    }

    func outboxStatistics() async throws -> OutboxStatistics {
        let queries = outboxQueries
        return try await readers.withConnection(retry: true) { connection in
            let counts = try connection.query(queries.counts, []).reduce(into: [String: Int]()) { counts, row in
                counts[row.text("status") ?? "", default: 0] += Int(row.integer("n") ?? 0)
            }
            let oldest = try connection.query(queries.oldestPending, []).first?.integer("created_at")
            return OutboxStatistics(
                pending: counts["pending"] ?? 0, failed: counts["failed"] ?? 0,
                oldestPending: oldest.map(Timestamp.date(fromMilliseconds:)))
        }
    }

    func sweepOutbox(settledBefore before: Date) async throws -> Int {
        let sql = outboxQueries.sweep
        return try await writer.withConnection { try $0.query(sql, [.integer(Timestamp.milliseconds(before))]).count }
    }

    /// Runs a one-message update; `.notFound` when the message is gone.
    private func settle(_ sql: String, _ binds: [SQLValue]) async throws {
        let count = try await writer.withConnection { try $0.query(sql, binds).count }
        guard count == 1 else { throw StorageError.notFound }
    }
}
