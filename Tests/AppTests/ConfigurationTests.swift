import Foundation
@testable import App
import Logging
import Settings
import Storage
import Testing

@Suite("Configuration")
struct ConfigurationTests {
    private func load(_ environment: [String: String]) throws -> AppConfiguration {
        let configuration = try AppConfiguration(settings: Settings(environment: environment, dotEnvPath: "/nonexistent/.env"))
        try configuration.validate()
        return configuration
    }

    @Test("defaults match the Python service")
    func defaults() throws {
        let configuration = try load(["SECRET_KEY": AppHarness.secret])
        #expect(configuration.host == "127.0.0.1" && configuration.port == 8000)
        #expect(configuration.algorithm == .hs256 && configuration.tokenLifetimeMinutes == 30)
        #expect(configuration.databaseURL == .sqlite(.file("./test.db"), poolSize: nil))
        #expect(configuration.refreshTokenDays == 14 && configuration.sessionMaxDays == 90 && configuration.reauthMaxAgeMinutes == 30)
        #expect(configuration.hashMaxWaitMilliseconds == 2000 && configuration.hashRejectHoldMilliseconds == 1000)
    }

    @Test("every variable is read")
    func variables() throws {
        let configuration = try load([
            "SECRET_KEY": AppHarness.secret, "ALGORITHM": "HS512", "DATABASE_URL": "sqlite://",
            "ACCESS_TOKEN_EXPIRE_MINUTES": "5", "HOST": "0.0.0.0", "PORT": "9000", "LOG_LEVEL": "debug",
            "DB_POOL_SIZE": "3", "AUTO_MIGRATE": "true", "PASSWORD_HASH_THREADS": "3", "PASSWORD_HASH_QUEUE": "9", "PASSWORD_HASH_MAX_WAIT_MS": "750",
            "PASSWORD_HASH_REJECT_HOLD_MS": "0",
            "LOG_FORMAT": "json", "SHUTDOWN_GRACE_SECONDS": "4",
            "REFRESH_TOKEN_EXPIRE_DAYS": "7", "SESSION_MAX_DAYS": "30", "REAUTH_MAX_AGE_MINUTES": "5",
            "TRUSTED_PROXIES": "10.0.0.0/8, fd00::/8,192.0.2.1", "RATE_LIMITS_ENABLED": "false",
            "RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS": "3/10m", "RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT": "40/2h",
            "RATE_LIMIT_LOGINS_PER_ADDRESS": "7/30s", "RATE_LIMIT_REGISTRATIONS_PER_ADDRESS": "2/1d",
        ])
        #expect(configuration.trustedProxies.blocks.count == 3 && !configuration.rateLimits.enabled)
        #expect(configuration.rateLimits.failuresPerAccountAndAddress == RateLimit(count: 3, window: .seconds(600)))
        #expect(configuration.rateLimits.failuresPerAccount == RateLimit(count: 40, window: .seconds(7200)))
        #expect(configuration.rateLimits.loginsPerAddress == RateLimit(count: 7, window: .seconds(30)))
        #expect(configuration.rateLimits.registrationsPerAddress == RateLimit(count: 2, window: .seconds(86_400)))
        #expect(configuration.sessionPolicy.refreshLifetime == .seconds(7 * 86_400))
        #expect(configuration.sessionPolicy.maxLifetime == .seconds(30 * 86_400))
        #expect(configuration.sessionPolicy.reauthMaxAge == .seconds(300))
        #expect(configuration.hashThreads == 3 && configuration.hashQueue == 9 && configuration.hashMaxWaitMilliseconds == 750)
        #expect(configuration.hashRejectHoldMilliseconds == 0)
        #expect(configuration.logFormat == .json && configuration.shutdownGraceSeconds == 4)
        #expect(configuration.algorithm == .hs512 && configuration.tokenLifetimeMinutes == 5)
        #expect(configuration.host == "0.0.0.0" && configuration.port == 9000 && configuration.logLevel == .debug)
        #expect(configuration.poolSize == 3 && configuration.autoMigrate)
        #expect(configuration.databaseURL == .sqlite(.memory, poolSize: nil))
    }

    @Test(
        "bad settings refuse to start with a one-line reason",
        arguments: [
            ([String: String](), "SECRET_KEY is not set"),
            (["SECRET_KEY": "too-short"], "openssl rand -hex 32"),
            (["SECRET_KEY": String(repeating: "s", count: 40), "ALGORITHM": "HS384"], "HS384 needs at least 48"),
            (["SECRET_KEY": String(repeating: "s", count: 64), "ALGORITHM": "RS256"], "use HS256, HS384 or HS512"),
            (["SECRET_KEY": String(repeating: "s", count: 64)], "one character repeated"),
            (["SECRET_KEY": "change-me-to-the-output-of-openssl-rand-hex-32"], "example placeholder"),
            (["SECRET_KEY": String(repeating: "abcdefgh", count: 8)], "fewer than 16 distinct bytes"),
            (["SECRET_KEY": String(repeating: "0123456789abcdef", count: 4)], "fewer than 16 distinct bytes"),
            (["SECRET_KEY": AppHarness.secret, "PREVIOUS_SECRET_KEYS": "short"], "PREVIOUS_SECRET_KEYS is 5 bytes"),
            (["SECRET_KEY": AppHarness.secret, "ACCESS_TOKEN_EXPIRE_MINUTES": "1441"], "ACCESS_TOKEN_EXPIRE_MINUTES"),
            (["SECRET_KEY": String(repeating: "s", count: 64), "PORT": "http"], "PORT must be a whole number"),
            (["SECRET_KEY": String(repeating: "s", count: 64), "LOG_LEVEL": "loud"], "LOG_LEVEL 'loud'"),
            (["SECRET_KEY": String(repeating: "s", count: 64), "TRUSTED_PROXIES": "10.0.0.0/33"], "TRUSTED_PROXIES"),
            (["SECRET_KEY": String(repeating: "s", count: 64), "TRUSTED_PROXIES": "proxy.internal"], "TRUSTED_PROXIES"),
            (["SECRET_KEY": String(repeating: "s", count: 64), "RATE_LIMIT_LOGINS_PER_ADDRESS": "100 per minute"], "RATE_LIMIT_LOGINS_PER_ADDRESS must look like 5/15m"),
        ]
    )
    func refusals(_ environment: [String: String], expected: String) {
        let error = #expect(throws: ConfigurationError.self) { try load(environment) }
        #expect(error?.description.contains(expected) == true, "\(error?.description ?? "")")
        if let secret = environment["SECRET_KEY"] { #expect(error?.description.contains(secret) == false) }
    }

    @Test("a hex key is judged by the bytes it spells: every `openssl rand -hex 32` key passes")
    func hexKeys() throws {
        // Hex text has at most 16 distinct characters; a random 32-byte key spells about 30 distinct bytes.
        let keys = (0..<200).map { _ in (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined() }
        for key in keys { try TokenKeys.check(key, name: "SECRET_KEY") }
        #expect(TokenKeys.material("0aFf") == [0x0A, 0xFF] && TokenKeys.material("xyz") == Array("xyz".utf8))
    }
}
