import Foundation

extension SQLUserStorage: AccountStorage {
    func create(_ user: NewUser, with effects: AccountEffects) async throws -> User {
        let binds: [SQLValue] = [
            .text(user.username), .text(user.username.identityKey),
            .text(user.email), .text(user.email.identityKey),
            .text(user.passwordHash), .integer(Timestamp.milliseconds(Date())),
        ]
        let (sql, writes) = (queries.insert, effectWriter)
        return try await writer.withConnection { connection in
            try connection.inTransaction(when: !effects.isEmpty) {
                guard let created = try connection.query(sql, binds).first?.decode(User.self) else {
                    throw StorageError.internal("insert returned no row")
                }
                try writes.store(effects, userID: created.id, on: connection)
                return created
            }
        }
    }

    func update(id: Int64, _ update: UserUpdate, with effects: AccountEffects) async throws -> User {
        // Nothing to change: answer with the user as it is, without touching updated_at.
        if update.isEmpty && effects.isEmpty {
            guard let user = try await find(id: id) else { throw StorageError.notFound }
            return user
        }
        let now = Date()
        let (sql, binds, writes) = (queries.update, Self.binds(id, update, now), effectWriter)
        let updated = try await writer.withConnection { connection in
            // A token-revoking change (a new password) also ends every session, atomically.
            try connection.inTransaction(when: update.revokesTokens || !effects.isEmpty) {
                guard let user = try connection.query(sql, binds).first?.decode(User.self) else { return User?.none }
                if update.revokesTokens { try writes.revokeSessions(of: id, now: now, on: connection) }
                try writes.store(effects, userID: id, on: connection)
                return user
            }
        }
        guard let updated else { throw StorageError.notFound }
        return updated
    }

    func issue(_ effects: AccountEffects, userID: Int64) async throws {
        let writes = effectWriter
        try await writer.withConnection { connection in
            try connection.inTransaction { try writes.store(effects, userID: userID, on: connection) }
        }
    }

    func tokenOwner(hash: String, purpose: AccountTokenPurpose, now: Date) async throws -> User? {
        let (sql, binds) = (accountQueries.owner, Self.tokenBinds(hash, purpose, now))
        return try await readers.withConnection(retry: true) { try $0.query(sql, binds).first?.decode(User.self) }
    }

    func redeem(hash: String, purpose: AccountTokenPurpose, now: Date, update: UserUpdate) async throws -> User? {
        let (tokens, userSQL, writes) = (accountQueries, queries.update, effectWriter)
        let binds = Self.tokenBinds(hash, purpose, now)
        return try await writer.withConnection { connection in
            try connection.inTransaction {
                guard let id = try connection.query(tokens.spend, binds).first?.integer("user_id") else { return nil }
                if purpose == .passwordReset {
                    _ = try connection.query(tokens.spendOthers, [.integer(id), .text(purpose.rawValue), .integer(Timestamp.milliseconds(now))])
                }
                let user = try connection.query(userSQL, Self.binds(id, update, now)).first?.decode(User.self)
                if update.revokesTokens { try writes.revokeSessions(of: id, now: now, on: connection) }
                return user
            }
        }
    }

    func sweepAccountTokens(now: Date) async throws -> Int {
        let sql = accountQueries.sweep
        return try await writer.withConnection { try $0.query(sql, [.integer(Timestamp.milliseconds(now))]).count }
    }

    /// The writes that accompany an account change, as one value the storage threads can use.
    var effectWriter: EffectWriter {
        EffectWriter(accounts: accountQueries, outbox: outboxQueries, revokeAll: sessionQueries.revokeAll)
    }

    /// The binds of `UserQueries.update`.
    static func binds(_ id: Int64, _ update: UserUpdate, _ now: Date) -> [SQLValue] {
        [
            .integer(id),
            .optional(update.username), .optional(update.username?.identityKey),
            .optional(update.email), .optional(update.email?.identityKey),
            .optional(update.passwordHash), .integer(Timestamp.milliseconds(now)),
            .integer(update.revokesTokens ? 1 : 0), .optional(update.expectedPasswordHash),
            update.emailVerified.map { .integer($0 ? 1 : 0) } ?? .null,
        ]
    }

    private static func tokenBinds(_ hash: String, _ purpose: AccountTokenPurpose, _ now: Date) -> [SQLValue] {
        [.text(hash), .text(purpose.rawValue), .integer(Timestamp.milliseconds(now))]
    }
}
