/// The password hasher, token service, session rules, throttling and metrics the controllers share.
struct AuthServices: Sendable {
    let hasher: PasswordHasher
    let tokens: TokenService
    let metrics: AppMetrics
    var sessions = SessionPolicy()
    var throttle: Throttle
    var commonPasswords: CommonPasswords
    /// Test seam for the re-hash race; nil in service.
    var beforeRehashStored: (@Sendable () async -> Void)?
}
