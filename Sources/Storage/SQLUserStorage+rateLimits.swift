import Foundation

extension SQLUserStorage: RateLimitStorage {
    func count(_ events: [(key: String, window: Duration)], now: Date) async throws -> [String: RateCount] {
        guard !events.isEmpty else { return [:] }
        let stamp = Timestamp.milliseconds(now)
        let binds = events.flatMap { [SQLValue.text($0.key), .integer(stamp + $0.window.milliseconds)] } + [.integer(stamp)]
        let sql = rateLimitQueries.count(events.count)
        return try await writer.withConnection { try Self.windows($0.query(sql, binds)) }
    }

    func counts(_ keys: [String], now: Date) async throws -> [String: RateCount] {
        guard !keys.isEmpty else { return [:] }
        let binds = keys.map(SQLValue.text) + [.integer(Timestamp.milliseconds(now))]
        let sql = rateLimitQueries.counts(keys.count)
        return try await readers.withConnection(retry: true) { try Self.windows($0.query(sql, binds)) }
    }

    func reset(_ key: String) async throws {
        let sql = rateLimitQueries.reset
        try await writer.withConnection { _ = try $0.query(sql, [.text(key)]) }
    }

    func sweepRateLimits(now: Date) async throws -> Int {
        let sql = rateLimitQueries.sweep
        return try await writer.withConnection { try $0.query(sql, [.integer(Timestamp.milliseconds(now))]).count }
    }

    private static func windows(_ rows: [SQLRow]) throws -> [String: RateCount] {
        var windows: [String: RateCount] = [:]
        for row in rows {
            guard let key = row.text("key"), let count = row.integer("count"), let end = row.integer("window_end") else {
                throw StorageError.internal("unexpected rate_limits row shape")
            }
            windows[key] = RateCount(count: Int(count), windowEnd: Timestamp.date(fromMilliseconds: end))
        }
        return windows
    }
}
