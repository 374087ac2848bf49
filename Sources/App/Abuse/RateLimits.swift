import Settings

/// The throttling configuration: every limit applies to every client alike.
struct RateLimits: Sendable, Equatable {
    /// Off only for load tests and test suites that register many users from one address.
    var enabled = true
    /// Failed logins for one account from one address.
    var failuresPerAccountAndAddress = RateLimit(count: 5, window: .seconds(15 * 60))
    /// Failed logins for one account from anywhere.
    var failuresPerAccount = RateLimit(count: 50, window: .seconds(3600))
    /// Login attempts from one address.
    var loginsPerAddress = RateLimit(count: 100, window: .seconds(15 * 60))
    /// Registrations from one address.
    var registrationsPerAddress = RateLimit(count: 20, window: .seconds(3600))
    /// Password-reset requests from one address, and for one email address.
    var passwordResetsPerAddress = RateLimit(count: 10, window: .seconds(3600))
    var passwordResetsPerEmail = RateLimit(count: 3, window: .seconds(3600))
    /// Verification mails a signed-in user may ask for again.
    var verificationResendsPerUser = RateLimit(count: 3, window: .seconds(3600))

    /// Reads the `RATE_LIMIT_*` variables and `RATE_LIMITS_ENABLED` over the defaults.
    init(settings: Settings) throws {
        enabled = settings.flag("RATE_LIMITS_ENABLED", default: true)
        let limit = { (name: String, fallback: RateLimit) throws -> RateLimit in
            try settings.string(name).map { try RateLimit(parsing: $0, name: name) } ?? fallback
        }
        failuresPerAccountAndAddress = try limit("RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS", failuresPerAccountAndAddress)
        failuresPerAccount = try limit("RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT", failuresPerAccount)
        loginsPerAddress = try limit("RATE_LIMIT_LOGINS_PER_ADDRESS", loginsPerAddress)
        registrationsPerAddress = try limit("RATE_LIMIT_REGISTRATIONS_PER_ADDRESS", registrationsPerAddress)
        passwordResetsPerAddress = try limit("RATE_LIMIT_PASSWORD_RESETS_PER_ADDRESS", passwordResetsPerAddress)
        passwordResetsPerEmail = try limit("RATE_LIMIT_PASSWORD_RESETS_PER_EMAIL", passwordResetsPerEmail)
        verificationResendsPerUser = try limit("RATE_LIMIT_VERIFICATION_RESENDS_PER_USER", verificationResendsPerUser)
    }

    init() {}
}
