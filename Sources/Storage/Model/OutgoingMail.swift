public import Foundation

/// A rendered email to put in the outbox.
public struct OutgoingMail: Sendable, Equatable {
    /// The outbox row's id.
    public var id: String
    /// The `Message-ID` header's value, `<...@...>`: stable across retries, so a receiver
    /// can recognise a duplicate delivery.
    public var messageID: String
    /// The one recipient's address.
    public var recipient: String
    public var subject: String
    public var text: String
    public var html: String
    /// When it was enqueued; it is due at once.
    public var createdAt: Date

    public init(id: String, messageID: String, recipient: String, subject: String, text: String, html: String, createdAt: Date) {
        self.id = id
        self.messageID = messageID
        self.recipient = recipient
        self.subject = subject
        self.text = text
        self.html = html
        self.createdAt = createdAt
    }
}
