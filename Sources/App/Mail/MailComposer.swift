import Foundation
import Storage

/// Renders the account mails into outbox messages, with links under `PUBLIC_URL`.
struct MailComposer: Sendable {
    let templates: MailTemplates
    /// The base of links, without a trailing slash.
    let publicURL: String
    let sender: MailSender

    /// The password-reset mail for `user`, carrying `token`.
    func passwordReset(for user: User, token: String, lifetime: Duration, now: Date) -> OutgoingMail {
        let values = ["username": user.username, "link": link("/users/password/reset", token), "expires": Self.describe(lifetime)]
        return mail(.passwordReset, to: user.email, values, now: now)
    }

    /// The verification mail for `email`, carrying `token`.
    func verification(to email: String, username: String, token: String, lifetime: Duration, now: Date) -> OutgoingMail {
        let values = ["username": username, "email": email, "link": link("/users/email/verify", token), "expires": Self.describe(lifetime)]
        return mail(.verifyEmail, to: email, values, now: now)
    }

    /// The notice to the address an account just left.
    func emailChanged(username: String, from old: String, to new: String, now: Date) -> OutgoingMail {
        mail(.emailChanged, to: old, ["username": username, "old_email": old, "new_email": new], now: now)
    }

    private func mail(_ kind: MailTemplates.Kind, to recipient: String, _ values: [String: String], now: Date) -> OutgoingMail {
        let rendered = templates.render(kind, values)
        let id = UUID().uuidString.lowercased()
        return OutgoingMail(
            id: id, messageID: "<\(id)@\(sender.domain)>", recipient: recipient, subject: rendered.subject,
            text: rendered.text, html: rendered.html, createdAt: now)
    }

    private func link(_ path: String, _ token: String) -> String {
        "\(publicURL)\(path)?token=\(token)"
    }

    /// "30 minutes", "24 hours", "1 hour".
    static func describe(_ lifetime: Duration) -> String {
        let minutes = Int(lifetime.components.seconds / 60)
        guard minutes % 60 == 0 else { return minutes == 1 ? "1 minute" : "\(minutes) minutes" }
        return minutes == 60 ? "1 hour" : "\(minutes / 60) hours"
    }
}
