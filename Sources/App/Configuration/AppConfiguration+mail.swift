import Logging

extension AppConfiguration {
    /// The account mailer: templates loaded (and checked complete) from `templatesDirectory`.
    func mailer(wakeup: MailWakeup) async throws -> AccountMailer {
        let templates = try await MailTemplates.load(directory: templatesDirectory)
        let composer = MailComposer(templates: templates, publicURL: publicURL, sender: MailSender(mailFrom))
        return AccountMailer(
            composer: composer, resetLifetime: .seconds(60 * passwordResetMinutes), verifyLifetime: .seconds(3600 * emailVerifyHours),
            wakeup: wakeup)
    }

    /// SMTP when `SMTP_URL` is set; otherwise the log.
    func mailTransport(logger: Logger) -> any MailTransport {
        guard let smtp else { return LogTransport(logger: logger) }
        return SMTPTransport(endpoint: smtp)
    }
}
