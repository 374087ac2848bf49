import Foundation
import Storage

/// Throttles logins and registrations with counters in the database, so every replica
/// enforces the same limits. It decides before any password is hashed, and the answer (429
/// with `Retry-After`) is the same whether or not the account exists.
struct Throttle: Sendable {
    let storage: any RateLimitStorage
    let limits: RateLimits

    /// Counts a login attempt from `address` for the account named `account`, and refuses it
    /// while the address or the account is over its limit. One write and one read.
    func admitLogin(account: String, address: String) async throws {
        guard limits.enabled else { return }
        let now = Date()
        let attempts = try await storage.count([(Key.logins(address), limits.loginsPerAddress.window)], now: now)
        try refuse(attempts[Key.logins(address)], over: limits.loginsPerAddress, now: now, countsThisAttempt: true)
        let pair = Key.failures(account, address), all = Key.failures(account)
        let failures = try await storage.counts([pair, all], now: now)
        try refuse(failures[pair], over: limits.failuresPerAccountAndAddress, now: now, countsThisAttempt: false)
        // The account-wide limit stops addresses that have failed against this account, so a
        // distributed guesser is slowed while the owner's own address keeps its budget.
        if failures[pair] != nil { try refuse(failures[all], over: limits.failuresPerAccount, now: now, countsThisAttempt: false) }
    }

    /// Records a failed login (wrong password, unknown account, wrong `current_password`).
    func loginFailed(account: String, address: String) async throws {
        guard limits.enabled else { return }
        _ = try await storage.count(
            [(Key.failures(account, address), limits.failuresPerAccountAndAddress.window), (Key.failures(account), limits.failuresPerAccount.window)],
            now: Date())
    }

    /// A successful login clears the account's failures from this address.
    func loginSucceeded(account: String, address: String) async throws {
        guard limits.enabled else { return }
        try await storage.reset(Key.failures(account, address))
    }

    /// Counts a registration from `address`, refusing it over the limit.
    func admitRegistration(address: String) async throws {
        guard limits.enabled else { return }
        let now = Date()
        let counted = try await storage.count([(Key.registrations(address), limits.registrationsPerAddress.window)], now: now)
        try refuse(counted[Key.registrations(address)], over: limits.registrationsPerAddress, now: now, countsThisAttempt: true)
    }

    /// Counts a password-reset request from `address` for `email`, refusing it while either is
    /// over its limit. The answer is the same whether or not an account has the address.
    func admitPasswordReset(email: String, address: String) async throws {
        guard limits.enabled else { return }
        let now = Date()
        let keys = [(Key.resets(address), limits.passwordResetsPerAddress.window), (Key.resets(email: email), limits.passwordResetsPerEmail.window)]
        let counted = try await storage.count(keys, now: now)
        try refuse(counted[Key.resets(address)], over: limits.passwordResetsPerAddress, now: now, countsThisAttempt: true)
        try refuse(counted[Key.resets(email: email)], over: limits.passwordResetsPerEmail, now: now, countsThisAttempt: true)
    }

    /// Counts a request to mail the verification link again, refusing it over the limit.
    func admitVerificationResend(userID: Int64) async throws {
        guard limits.enabled else { return }
        let now = Date()
        let counted = try await storage.count([(Key.verifications(userID), limits.verificationResendsPerUser.window)], now: now)
        try refuse(counted[Key.verifications(userID)], over: limits.verificationResendsPerUser, now: now, countsThisAttempt: true)
    }

    /// 429 when `window` leaves no room under `limit`; `Retry-After` is when it closes. An
    /// attempt counter already holds this attempt, so it may reach the limit; a failure
    /// counter is read before the attempt it would count, so reaching the limit refuses.
    private func refuse(_ window: RateCount?, over limit: RateLimit, now: Date, countsThisAttempt: Bool) throws {
        guard let window, window.count > (countsThisAttempt ? limit.count : limit.count - 1) else { return }
        let seconds = max(1, Int(window.windowEnd.timeIntervalSince(now).rounded(.up)))
        throw APIError.tooManyRequests(retryAfter: seconds)
    }

    /// Counter keys; account names are identity keys (case-folded), never passwords.
    private enum Key {
        static func logins(_ address: String) -> String { "login:\(address)" }
        static func registrations(_ address: String) -> String { "register:\(address)" }
        static func resets(_ address: String) -> String { "reset:\(address)" }
        static func resets(email: String) -> String { "reset-email:\(email.identityKey)" }
        static func verifications(_ userID: Int64) -> String { "verify:\(userID)" }
        static func failures(_ account: String) -> String { "fail:\(account.identityKey)" }
        static func failures(_ account: String, _ address: String) -> String { "fail:\(account.identityKey)|\(address)" }
    }
}
