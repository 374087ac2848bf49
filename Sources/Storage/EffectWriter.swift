import Foundation

/// Writes a change's token and mail, and revokes sessions, on a connection inside the
/// change's transaction.
struct EffectWriter: Sendable {
    let accounts: AccountQueries
    let outbox: OutboxQueries
    let revokeAll: String

    /// Stores the token (replacing the user's unused ones of its purpose) and the mail.
    func store(_ effects: AccountEffects, userID: Int64, on connection: some SQLConnection) throws {
        if let token = effects.token {
            let purpose = SQLValue.text(token.purpose.rawValue)
            _ = try connection.query(accounts.supersede, [.integer(userID), purpose])
            _ = try connection.query(accounts.insert, [
                .text(token.hash), .integer(userID), purpose, .text(token.email.identityKey),
                .integer(Timestamp.milliseconds(token.createdAt)), .integer(Timestamp.milliseconds(token.expiresAt)),
            ])
        }
        for mail in effects.mail {
            _ = try connection.query(outbox.insert, [
                .text(mail.id), .text(mail.messageID), .text(mail.recipient), .text(mail.subject),
                .text(mail.text), .text(mail.html), .integer(Timestamp.milliseconds(mail.createdAt)),
            ])
        }
    }

    /// Ends every session of the user.
    func revokeSessions(of userID: Int64, now: Date, on connection: some SQLConnection) throws {
        // An id no session has stands for "keep none".
        _ = try connection.query(revokeAll, [.integer(userID), .integer(Timestamp.milliseconds(now)), .text("")])
    }
}
