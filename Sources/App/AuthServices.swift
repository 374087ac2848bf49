import Foundation

/// The password hasher, token service, session rules, throttling, mail and metrics the
/// controllers share.
struct AuthServices: Sendable {
    let hasher: PasswordHasher
    let tokens: TokenService
    let metrics: AppMetrics
    var sessions = SessionPolicy()
    var throttle: Throttle
    var commonPasswords: CommonPasswords
    /// The tokens and mail of account changes.
    var mailer: AccountMailer
    /// The security audit trail.
    var audit: AuditLog
    var requireVerifiedEmail = false
    var forgotFloor: Duration = .milliseconds(250)
    /// The clock of mailed tokens (a test seam).
    var now: @Sendable () -> Date = { Date() }
    /// Test seam for the re-hash race; nil in service.
    var beforeRehashStored: (@Sendable () async -> Void)?
}
