/// The password hasher, token service, session rules and metrics the controllers share.
struct AuthServices: Sendable {
    let hasher: PasswordHasher
    let tokens: TokenService
    let metrics: AppMetrics
    var sessions = SessionPolicy()
}
