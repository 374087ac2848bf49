import Foundation

/// A message a courier has claimed for delivery.
public struct OutboxMessage: Sendable, Equatable {
    /// The rendered mail, as it was enqueued.
    public var mail: OutgoingMail
    /// Delivery attempts so far, this one included.
    public var attempts: Int

    public init(mail: OutgoingMail, attempts: Int) {
        self.mail = mail
        self.attempts = attempts
    }
}

extension OutboxMessage: SQLRowDecodable {
    init(row: SQLRow) throws {
        guard let id = row.text("id"), let messageID = row.text("message_id"), let recipient = row.text("recipient"),
            let subject = row.text("subject"), let text = row.text("text_body"), let html = row.text("html_body"),
            let created = row.integer("created_at"), let attempts = row.integer("attempts")
        else { throw StorageError.internal("unexpected outbox row shape") }
        let mail = OutgoingMail(
            id: id, messageID: messageID, recipient: recipient, subject: subject, text: text, html: html,
            createdAt: Timestamp.date(fromMilliseconds: created))
        self.init(mail: mail, attempts: Int(attempts))
    }
}
