import Foundation

extension SQLUserStorage: SessionStorage {
    func createSession(_ new: NewSession) async throws -> Session {
        let (queries, now) = (sessionQueries, Timestamp.milliseconds(new.now))
        let session: [SQLValue] = [
            .text(new.id), .integer(new.userID), .integer(now),
            .integer(now + min(new.refreshLifetime, new.maxLifetime).milliseconds), .integer(now + new.maxLifetime.milliseconds),
            .optional(new.userAgent), .optional(new.ip),
        ]
        return try await writer.withConnection { connection in
            try connection.inTransaction {
                let created = try connection.query(queries.insertSession, session).first?.decode(Session.self)
                guard let created else { throw StorageError.internal("insert returned no session") }
                _ = try connection.query(queries.insertToken, [.text(new.refreshTokenHash), .text(new.id), .integer(now)])
                return created
            }
        }
    }

    func rotateRefreshToken(hash: String, newHash: String, refreshLifetime: Duration, now: Date) async throws -> RefreshOutcome {
        let (queries, userQueries, stamp) = (sessionQueries, self.queries, Timestamp.milliseconds(now))
        return try await writer.withConnection { connection in
            try connection.inTransaction {
                // Spending is the race: of two exchanges of one token, one update finds it unspent.
                let spent = try connection.query(queries.spendToken, [.text(hash), .integer(stamp)]).first?.text("session_id")
                guard let sessionID = spent else {
                    guard let row = try connection.query(queries.tokenExists, [.text(hash)]).first,
                        let reused = row.text("session_id"), let userID = row.integer("user_id")
                    else { return .invalid }
                    _ = try connection.query(queries.revokeByID, [.text(reused), .integer(stamp)])
                    return .reused(sessionID: reused, userID: userID)
                }
                let extension_ = [SQLValue.text(sessionID), .integer(stamp), .integer(stamp + refreshLifetime.milliseconds)]
                guard let session = try connection.query(queries.extend, extension_).first?.decode(Session.self),
                    let user = try connection.query(userQueries.selectByID, [.integer(session.userID)]).first?.decode(User.self)
                else { return .invalid }
                _ = try connection.query(queries.insertToken, [.text(newHash), .text(sessionID), .integer(stamp)])
                return .rotated(session, user)
            }
        }
    }

    func find(id: Int64, session sessionID: String, now: Date) async throws -> AuthenticatedUser? {
        let binds: [SQLValue] = [.integer(id), .text(sessionID), .integer(Timestamp.milliseconds(now))]
        let sql = sessionQueries.userWithSession
        guard let row = try await batchedReads.query(sql, binds).first else { return nil }
        return AuthenticatedUser(user: try row.decode(User.self), sessionIsActive: row.integer("session_active") == 1)
    }

    func activeSessions(userID: Int64, now: Date) async throws -> [Session] {
        let sql = sessionQueries.active
        return try await readers.withConnection(retry: true) { connection in
            try connection.query(sql, [.integer(userID), .integer(Timestamp.milliseconds(now))]).map { try $0.decode(Session.self) }
        }
    }

    func revokeSession(id: String, userID: Int64, now: Date) async throws -> Bool {
        let binds: [SQLValue] = [.text(id), .integer(Timestamp.milliseconds(now)), .integer(userID)]
        return try await writeCount(sessionQueries.revoke, binds) == 1
    }

    func revokeSessions(userID: Int64, except keep: String?, now: Date) async throws -> Int {
        // An id no session has stands for "keep none".
        try await writeCount(sessionQueries.revokeAll, [.integer(userID), .integer(Timestamp.milliseconds(now)), .text(keep ?? "")])
    }

    func sweepSessions(now: Date) async throws -> Int {
        try await writeCount(sessionQueries.sweep, [.integer(Timestamp.milliseconds(now))])
    }

    /// Runs a `RETURNING` write and counts the rows it touched.
    private func writeCount(_ sql: String, _ binds: [SQLValue]) async throws -> Int {
        try await writer.withConnection { try $0.query(sql, binds).count }
    }
}
