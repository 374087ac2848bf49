/// What an account change leaves behind in the same transaction: a token to store (replacing
/// the user's unused tokens of its purpose) and mail to enqueue. Either both commit with the
/// change, or neither does.
public struct AccountEffects: Sendable, Equatable {
    /// A token to store for the user, or `nil`.
    public var token: NewAccountToken?
    /// Mail for the outbox.
    public var mail: [OutgoingMail]

    public init(token: NewAccountToken? = nil, mail: [OutgoingMail] = []) {
        self.token = token
        self.mail = mail
    }

    /// Nothing to store.
    public static let none = AccountEffects()

    /// True when there is nothing to store.
    public var isEmpty: Bool { token == nil && mail.isEmpty }
}
