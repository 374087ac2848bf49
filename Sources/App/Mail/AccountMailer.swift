import Foundation
import Storage

/// Turns account events into the token and mail to store with them, and wakes the courier
/// once they are committed.
struct AccountMailer: Sendable {
    let composer: MailComposer
    let resetLifetime: Duration
    let verifyLifetime: Duration
    let wakeup: MailWakeup

    /// A verification token for `email` and the mail carrying it.
    func verification(email: String, username: String, now: Date) -> AccountEffects {
        let token = MailedToken()
        return AccountEffects(
            token: NewAccountToken(hash: token.hash, purpose: .emailVerify, email: email, createdAt: now, expiresAt: now + verifyLifetime),
            mail: [composer.verification(to: email, username: username, token: token.token, lifetime: verifyLifetime, now: now)])
    }

    /// An email change: verification for the new address, a notice to the old one.
    func emailChange(username: String, from old: String, to new: String, now: Date) -> AccountEffects {
        var effects = verification(email: new, username: username, now: now)
        effects.mail.append(composer.emailChanged(username: username, from: old, to: new, now: now))
        return effects
    }

    /// A reset token for `user` and the mail carrying it.
    func passwordReset(for user: User, now: Date) -> AccountEffects {
        let token = MailedToken()
        return AccountEffects(
            token: NewAccountToken(hash: token.hash, purpose: .passwordReset, email: user.email, createdAt: now, expiresAt: now + resetLifetime),
            mail: [composer.passwordReset(for: user, token: token.token, lifetime: resetLifetime, now: now)])
    }

    /// Tells this replica's courier that mail was committed.
    func committed() { wakeup.nudge() }
}
