/// The lifetimes of sessions and the step-up rule, from configuration.
struct SessionPolicy: Sendable {
    /// How long a refresh token stays valid after it is issued (`REFRESH_TOKEN_EXPIRE_DAYS`).
    var refreshLifetime: Duration = .seconds(14 * 86_400)
    /// A session's hard limit, whatever the refreshes (`SESSION_MAX_DAYS`).
    var maxLifetime: Duration = .seconds(90 * 86_400)
    /// How recent the last password check must be for a sensitive change (`REAUTH_MAX_AGE_MINUTES`).
    var reauthMaxAge: Duration = .seconds(30 * 60)
    /// How often expired and revoked sessions are deleted.
    var sweepInterval: Duration = .seconds(600)
    /// The longest `User-Agent` kept with a session.
    static let userAgentLimit = 256
}
