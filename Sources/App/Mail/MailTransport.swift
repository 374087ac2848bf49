import Storage

/// Hands one rendered message to the world: SMTP, or the log when no server is configured.
protocol MailTransport: Sendable {
    /// Delivers `mail` from `sender`; throws `MailDeliveryError`.
    func send(_ mail: OutgoingMail, from sender: MailSender) async throws
    /// Releases the transport's threads; called once, when the courier stops.
    func shutdown() async
}
