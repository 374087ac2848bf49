import Logging
import Storage

/// The transport when `SMTP_URL` is unset: each message, link included, goes to the log at
/// info level instead of a mail server, like Django's console backend. For development only.
struct LogTransport: MailTransport {
    let logger: Logger

    func send(_ mail: OutgoingMail, from sender: MailSender) async throws {
        logger.info(
            "mail not sent (SMTP_URL is unset); its text follows",
            metadata: [
                "message_id": "\(mail.messageID)", "to": "\(mail.recipient)", "subject": "\(mail.subject)",
                "text": "\(mail.text)",
            ])
    }

    func shutdown() async {}
}
