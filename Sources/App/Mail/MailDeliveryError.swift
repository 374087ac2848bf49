/// A delivery that did not happen. A permanent failure (the server refused the message for
/// good, with a 5xx reply) is not retried; anything else is.
struct MailDeliveryError: Error, Sendable, CustomStringConvertible {
    let permanent: Bool
    /// What went wrong, without credentials: libcurl's message and the server's reply code.
    let reason: String

    var description: String { reason }
}
