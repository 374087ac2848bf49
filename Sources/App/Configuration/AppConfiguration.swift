import Foundation
import Logging
import NIOCore
import Settings
import Storage

/// Everything the service is configured with, from the environment, `.env` and flags.
struct AppConfiguration: Sendable {
    var host = "127.0.0.1"
    var port = 8000
    var databaseURL = DatabaseURL.sqlite(.file("./test.db"), poolSize: nil)
    var poolSize: Int?
    var secretKey: String
    var algorithm = TokenAlgorithm.hs256
    var tokenLifetimeMinutes = 30
    /// Keys still accepted for verification after a rotation (`PREVIOUS_SECRET_KEYS`).
    var previousSecretKeys: [String] = []
    /// `iss` and `aud` of access tokens.
    var tokenIssuer = "user-auth-service"
    var tokenAudience = "user-auth-service"
    /// How long a refresh token stays valid after it is issued.
    var refreshTokenDays = 14
    /// A session's hard limit, whatever the refreshes.
    var sessionMaxDays = 90
    /// How recent a password check must be for sensitive changes without `current_password`.
    var reauthMaxAgeMinutes = 30
    /// Proxies whose `X-Forwarded-For` is believed (`TRUSTED_PROXIES`).
    var trustedProxies = TrustedProxies.none
    /// Throttling of logins and registrations.
    var rateLimits = RateLimits()
    /// Test seam: runs after a login's re-hash is computed and before it is stored.
    var beforeRehashStored: (@Sendable () async -> Void)?
    var logLevel = Logger.Level.info
    var autoMigrate = false
    var migrationsDirectory = "./sql"
    /// Password hashing threads (default: one a core), and a cap on the hash requests the
    /// wait budget admits, whatever the hash time.
    var hashThreads = System.coreCount
    var hashQueue = 256
    /// How long a hash request may expect to wait before admission refuses it.
    var hashMaxWaitMilliseconds = 2000
    /// How long a refused hash request waits before its 429 or 503 goes out.
    var hashRejectHoldMilliseconds = 1000
    /// Test seam: the hash time admission assumes, instead of the measured one.
    var hashTime: Duration?
    var argon2 = Argon2.Parameters.owasp
    /// `text` (default) or `json` log lines.
    var logFormat = LogFormat.text
    /// Mail: the SMTP server (`nil`: mail goes to the log), the sender, the base of links
    /// and the templates.
    var smtp: SMTPEndpoint?
    var mailFrom = "User Auth Service <no-reply@localhost>"
    var publicURL = "http://127.0.0.1:8000"
    var templatesDirectory = "./templates"
    var passwordResetMinutes = 30
    var emailVerifyHours = 24
    /// Refuse login to accounts whose email is unverified.
    var requireVerifiedEmail = false
    /// The courier's pacing and retries.
    var courier = CourierPolicy()
    /// A separate listener for `/health`, `/ready` and `/metrics` (`OPS_HOST`, `OPS_PORT`);
    /// with no port they stay on the main listener.
    var opsHost = "127.0.0.1"
    var opsPort: Int?
    /// Test seam: told the operations listener's port once it listens.
    var onOpsListening: (@Sendable (Int) async -> Void)?
    /// How long security events are kept.
    var auditRetentionDays = 90
    /// Idle HTTP connections close after this long; at most this many are open at once.
    var idleTimeoutSeconds = 60
    var maxConnections = 4096
    /// Serve `/docs` and `/openapi.json` (`DOCS_ENABLED`); off in production if you like.
    var docsEnabled = true
    /// HTTPS on the main listener; `nil` serves plain HTTP.
    var tls: TLSSettings?
    /// Test seam: the clock that dates and expires mailed tokens.
    var now: @Sendable () -> Date = { Date() }
    /// The least time a forgot-password request takes, found or not.
    var forgotFloor: Duration = .milliseconds(250)
    /// How long SIGTERM waits for in-flight requests before giving up on them.
    var shutdownGraceSeconds = 10

    /// How log lines look.
    enum LogFormat: String, Sendable {
        case text
        case json
    }

    init(secretKey: String) { self.secretKey = secretKey }

    /// Reads `settings`: flags, then the environment, then `.env`, then the defaults.
    init(settings: Settings) throws {
        guard let secret = settings.string("SECRET_KEY") else {
            throw ConfigurationError("SECRET_KEY is not set; generate one with: openssl rand -hex 32")
        }
        self.init(secretKey: secret)
        if let value = settings.string("ALGORITHM") { algorithm = try Self.algorithm(value) }
        databaseURL = try settings.databaseURL()
        migrationsDirectory = settings.migrationsDirectory
        host = settings.string("HOST") ?? host
        port = try settings.port()
        poolSize = settings.string("DB_POOL_SIZE") == nil ? nil : try settings.integer("DB_POOL_SIZE", in: 1...1000, default: 0)
        tokenLifetimeMinutes = try settings.integer("ACCESS_TOKEN_EXPIRE_MINUTES", in: 1...1440, default: tokenLifetimeMinutes)
        previousSecretKeys = (settings.string("PREVIOUS_SECRET_KEYS") ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        tokenIssuer = settings.string("TOKEN_ISSUER") ?? tokenIssuer
        tokenAudience = settings.string("TOKEN_AUDIENCE") ?? tokenAudience
        refreshTokenDays = try settings.integer("REFRESH_TOKEN_EXPIRE_DAYS", in: 1...3650, default: refreshTokenDays)
        sessionMaxDays = try settings.integer("SESSION_MAX_DAYS", in: 1...3650, default: sessionMaxDays)
        reauthMaxAgeMinutes = try settings.integer("REAUTH_MAX_AGE_MINUTES", in: 0...525_600, default: reauthMaxAgeMinutes)
        if let value = settings.string("LOG_LEVEL") { logLevel = try Self.logLevel(value) }
        if let value = settings.string("LOG_FORMAT") { logFormat = try Self.logFormat(value) }
        shutdownGraceSeconds = try settings.integer("SHUTDOWN_GRACE_SECONDS", in: 0...3600, default: shutdownGraceSeconds)
        hashThreads = try settings.integer("PASSWORD_HASH_THREADS", in: 1...256, default: hashThreads)
        hashQueue = try settings.integer("PASSWORD_HASH_QUEUE", in: 1...100_000, default: hashQueue)
        hashMaxWaitMilliseconds = try settings.integer("PASSWORD_HASH_MAX_WAIT_MS", in: 1...600_000, default: hashMaxWaitMilliseconds)
        hashRejectHoldMilliseconds = try settings.integer("PASSWORD_HASH_REJECT_HOLD_MS", in: 0...60_000, default: hashRejectHoldMilliseconds)
        autoMigrate = settings.flag("AUTO_MIGRATE", default: false)
        trustedProxies = try TrustedProxies(parsing: settings.string("TRUSTED_PROXIES"))
        rateLimits = try RateLimits(settings: settings)
        try readMail(settings)
        tls = try TLSSettings.read(settings)
        docsEnabled = settings.flag("DOCS_ENABLED", default: true)
        idleTimeoutSeconds = try settings.integer("HTTP_IDLE_TIMEOUT_SECONDS", in: 1...3600, default: idleTimeoutSeconds)
        maxConnections = try settings.integer("MAX_CONNECTIONS", in: 1...1_000_000, default: maxConnections)
        opsHost = settings.string("OPS_HOST") ?? opsHost
        auditRetentionDays = try settings.integer("AUDIT_RETENTION_DAYS", in: 1...36_500, default: auditRetentionDays)
        opsPort = settings.string("OPS_PORT") == nil ? nil : try settings.integer("OPS_PORT", in: 0...65535, default: 0)
    }

    private mutating func readMail(_ settings: Settings) throws {
        smtp = try settings.string("SMTP_URL").flatMap { $0.isEmpty ? nil : try SMTPEndpoint(parsing: $0) }
        mailFrom = settings.string("MAIL_FROM") ?? mailFrom
        publicURL = try Self.parsePublicURL(settings.string("PUBLIC_URL") ?? publicURL)
        templatesDirectory = settings.string("TEMPLATES_DIR") ?? templatesDirectory
        passwordResetMinutes = try settings.integer("PASSWORD_RESET_EXPIRE_MINUTES", in: 1...10_080, default: passwordResetMinutes)
        emailVerifyHours = try settings.integer("EMAIL_VERIFY_EXPIRE_HOURS", in: 1...8_760, default: emailVerifyHours)
        requireVerifiedEmail = settings.flag("REQUIRE_VERIFIED_EMAIL", default: false)
        let maxAttempts = try settings.integer("MAIL_MAX_ATTEMPTS", in: 1...100, default: courier.maxAttempts)
        courier.maxAttempts = maxAttempts
        let base = try settings.integer("MAIL_RETRY_BASE_SECONDS", in: 1...86_400, default: Int(courier.baseDelay.components.seconds))
        courier.baseDelay = .seconds(base)
    }

    /// `PUBLIC_URL` without a trailing slash; it must be an absolute http(s) URL.
    static func parsePublicURL(_ value: String) throws -> String {
        let trimmed = value.hasSuffix("/") ? String(value.dropLast()) : value
        guard let url = URL(string: trimmed), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
            throw ConfigurationError("PUBLIC_URL '\(value)' must be an absolute http:// or https:// URL")
        }
        return trimmed
    }

    /// Session lifetimes and the step-up rule.
    var sessionPolicy: SessionPolicy {
        SessionPolicy(
            refreshLifetime: .seconds(86_400 * refreshTokenDays), maxLifetime: .seconds(86_400 * sessionMaxDays),
            reauthMaxAge: .seconds(60 * reauthMaxAgeMinutes))
    }

    /// Refuses a key shorter than the hash output (RFC 7518 §3.2), or plainly weak.
    func validate() throws {
        for (name, key) in [("SECRET_KEY", secretKey)] + previousSecretKeys.map({ ("PREVIOUS_SECRET_KEYS", $0) }) {
            let bytes = key.utf8.count
            guard bytes >= algorithm.minimumKeyBytes else {
                throw ConfigurationError(
                    "\(name) is \(bytes) bytes; \(algorithm.rawValue) needs at least \(algorithm.minimumKeyBytes) (RFC 7518 §3.2). Generate one with: openssl rand -hex \(algorithm.minimumKeyBytes)")
            }
            try TokenKeys.check(key, name: name)
        }
    }

    /// The signing key and the previous keys.
    var tokenKeys: TokenKeys { TokenKeys(current: secretKey, previous: previousSecretKeys) }

    static func algorithm(_ value: String) throws -> TokenAlgorithm {
        guard let algorithm = TokenAlgorithm(rawValue: value.uppercased()) else {
            throw ConfigurationError("ALGORITHM '\(value)' is not supported; use HS256, HS384 or HS512")
        }
        return algorithm
    }

    static func logLevel(_ value: String) throws -> Logger.Level {
        let aliases = ["warn": "warning", "fatal": "critical"]
        guard let level = Logger.Level(rawValue: aliases[value.lowercased()] ?? value.lowercased()) else {
            throw ConfigurationError("LOG_LEVEL '\(value)' is not one of trace, debug, info, notice, warning, error, critical")
        }
        return level
    }

    static func logFormat(_ value: String) throws -> LogFormat {
        guard let format = LogFormat(rawValue: value.lowercased()) else {
            throw ConfigurationError("LOG_FORMAT '\(value)' is not text or json")
        }
        return format
    }
}
