@testable import App
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Storage
import Testing
import TestSupport

/// Throttling, client identity behind proxies, and the fair share of the hasher, over a real
/// socket so the peer address is real and `X-Forwarded-For` is believed from 127.0.0.1 only.
@Suite("Abuse resistance")
struct AbuseTests {
    private static func live(_ limits: @escaping (inout RateLimits) -> Void = { _ in }) -> (inout AppConfiguration) -> Void {
        { configuration in
            configuration.port = 0
            configuration.trustedProxies = try! TrustedProxies(parsing: "127.0.0.1/32, ::1/128")
            limits(&configuration.rateLimits)
        }
    }

    private static func login(
        _ client: any TestClientProtocol, _ name: String, _ password: String, from address: String
    ) async throws -> TestResponse {
        try await client.send(.post, "/users/login", json: ["username": name, "password": password], headers: [.xForwardedFor: address])
    }

    private static func retryAfter(_ response: TestResponse) -> Int { response.headers[.retryAfter].flatMap { Int($0) } ?? -1 }

    /// Whether Retry-After is what a window of `window` seconds, opened after `started`, has
    /// left: at most the window, and at least the window less the time since (however slow
    /// the machine).
    private static func retryAfter(_ response: TestResponse, fits window: Int, since started: ContinuousClock.Instant) -> Bool {
        let elapsed = Int((ContinuousClock.now - started).components.seconds) + 1
        return (window - elapsed...window).contains(retryAfter(response))
    }

    @Test("failed logins per account and address: trip, 429 with Retry-After, reset by a success", arguments: Backend.allCases)
    func accountAndAddress(_ backend: Backend) async throws {
        let configure = Self.live { $0.failuresPerAccountAndAddress = RateLimit(count: 3, window: .seconds(900)) }
        try await AppHarness.withApp(backend, framework: .live, configure: configure) { client, _ in
            let started = ContinuousClock.now
            try await client.register("uma")
            let here = "203.0.113.7"
            for _ in 0..<2 { #expect(try await Self.login(client, "uma", "wrong password!", from: here).status == .unauthorized) }
            #expect(try await Self.login(client, "uma", "correct horse battery", from: here).status == .ok)
            for _ in 0..<3 { #expect(try await Self.login(client, "uma", "wrong password!", from: here).status == .unauthorized) }
            let throttled = try await Self.login(client, "uma", "correct horse battery", from: here)
            #expect(throttled.status == .tooManyRequests)
            #expect(Self.retryAfter(throttled, fits: 900, since: started), "Retry-After \(Self.retryAfter(throttled))")
            #expect(try throttled.detail() == "Too many attempts, retry later")
            // Another address has its own budget.
            #expect(try await Self.login(client, "uma", "correct horse battery", from: "203.0.113.8").status == .ok)
        }
    }

    @Test("the 429 is the same whether or not the account exists", arguments: Backend.allCases)
    func noEnumeration(_ backend: Backend) async throws {
        let configure = Self.live { $0.failuresPerAccountAndAddress = RateLimit(count: 1, window: .seconds(60)) }
        try await AppHarness.withApp(backend, framework: .live, configure: configure) { client, _ in
            try await client.register("vic")
            var bodies: [String] = []
            for name in ["vic", "nobody-at-all"] {
                _ = try await Self.login(client, name, "wrong password!", from: "203.0.113.9")
                let throttled = try await Self.login(client, name, "wrong password!", from: "203.0.113.9")
                #expect(throttled.status == .tooManyRequests)
                bodies.append(String(buffer: throttled.body))
            }
            #expect(bodies[0] == bodies[1])
        }
    }

    @Test("failures per account slow a distributed guesser, while the owner's address keeps its budget", arguments: Backend.allCases)
    func perAccount(_ backend: Backend) async throws {
        let configure = Self.live { $0.failuresPerAccount = RateLimit(count: 3, window: .seconds(3600)) }
        try await AppHarness.withApp(backend, framework: .live, configure: configure) { client, _ in
            let started = ContinuousClock.now
            try await client.register("wes")
            for last in 1...3 { #expect(try await Self.login(client, "wes", "wrong password!", from: "198.51.100.\(last)").status == .unauthorized) }
            let again = try await Self.login(client, "wes", "wrong password!", from: "198.51.100.1")
            #expect(again.status == .tooManyRequests)
            #expect(Self.retryAfter(again, fits: 3600, since: started))
            #expect(try await Self.login(client, "wes", "correct horse battery", from: "192.0.2.44").status == .ok)
        }
    }

    @Test("login attempts and registrations per address", arguments: Backend.allCases)
    func perAddress(_ backend: Backend) async throws {
        let configure = Self.live {
            $0.loginsPerAddress = RateLimit(count: 3, window: .seconds(900))
            $0.registrationsPerAddress = RateLimit(count: 2, window: .seconds(3600))
        }
        try await AppHarness.withApp(backend, framework: .live, configure: configure) { client, _ in
            let started = ContinuousClock.now
            let headers: HTTPFields = [.xForwardedFor: "203.0.113.20"]
            for name in ["xia", "yan"] {
                let created = try await client.send(.post, "/users/register", json: ["username": name, "email": "\(name)@example.com", "password": "correct horse battery"], headers: headers)
                #expect(created.status == .created)
            }
            let third = try await client.send(.post, "/users/register", json: ["username": "zoe", "email": "zoe@example.com", "password": "correct horse battery"], headers: headers)
            #expect(third.status == .tooManyRequests && Self.retryAfter(third, fits: 3600, since: started))
            for _ in 0..<3 { #expect(try await Self.login(client, "xia", "correct horse battery", from: "203.0.113.20").status == .ok) }
            let fourth = try await Self.login(client, "xia", "correct horse battery", from: "203.0.113.20")
            #expect(fourth.status == .tooManyRequests && Self.retryAfter(fourth, fits: 900, since: started))
            #expect(try await Self.login(client, "xia", "correct horse battery", from: "203.0.113.21").status == .ok)
        }
    }

    @Test("X-Forwarded-For counts only from a trusted proxy")
    func spoofing() async throws {
        let configure: (inout AppConfiguration) -> Void = { configuration in
            configuration.port = 0
            configuration.rateLimits.loginsPerAddress = RateLimit(count: 2, window: .seconds(900))
        }
        try await AppHarness.withApp(.sqliteFile, framework: .live, configure: configure) { client, _ in
            try await client.register("abe")
            // No proxy is trusted: a made-up X-Forwarded-For does not buy a fresh budget.
            for index in 1...2 { #expect(try await Self.login(client, "abe", "correct horse battery", from: "10.9.9.\(index)").status == .ok) }
            #expect(try await Self.login(client, "abe", "correct horse battery", from: "10.9.9.3").status == .tooManyRequests)
        }
    }

    @Test("two replicas share one counter", arguments: Backend.persistent)
    func sharedAcrossReplicas(_ backend: Backend) async throws {
        try await AppHarness.withReplicas(backend, configure: { $0.rateLimits.failuresPerAccountAndAddress = RateLimit(count: 2, window: .seconds(900)) }) { one, two in
            try await one.register("bea")
            // In-process requests have no peer address: both replicas count them as one client.
            #expect(try await one.send(.post, "/users/login", json: ["username": "bea", "password": "wrong password!"]).status == .unauthorized)
            #expect(try await two.send(.post, "/users/login", json: ["username": "bea", "password": "wrong password!"]).status == .unauthorized)
            #expect(try await one.send(.post, "/users/login", json: ["username": "bea", "password": "correct horse battery"]).status == .tooManyRequests)
            #expect(try await two.send(.post, "/users/login", json: ["username": "bea", "password": "correct horse battery"]).status == .tooManyRequests)
        }
    }

    @Test("RATE_LIMITS_ENABLED=false turns throttling off")
    func disabled() async throws {
        try await AppHarness.withApp(.sqliteMemory, configure: {
            $0.rateLimits.enabled = false
            $0.rateLimits.failuresPerAccountAndAddress = RateLimit(count: 1, window: .seconds(900))
        }) { client, _ in
            try await client.register("cal")
            for _ in 0..<3 { #expect(try await client.send(.post, "/users/login", json: ["username": "cal", "password": "wrong password!"]).status == .unauthorized) }
            _ = try await client.login("cal")
        }
    }

    @Test("while one address floods login, another address still logs in", arguments: Backend.allCases)
    func fairHasher(_ backend: Backend) async throws {
        let configure: (inout AppConfiguration) -> Void = { configuration in
            Self.live()(&configuration)
            configuration.argon2 = .owasp
            configuration.hashThreads = 1
            configuration.hashQueue = 8
        }
        try await AppHarness.withApp(backend, framework: .live, configure: configure) { client, _ in
            try await client.register("dee")
            let statuses = try await withThrowingTaskGroup(of: (String, HTTPResponse.Status).self) { group in
                for _ in 0..<16 { group.addTask { ("flood", try await Self.login(client, "dee", "correct horse battery", from: "203.0.113.66").status) } }
                group.addTask { ("other", try await Self.login(client, "dee", "correct horse battery", from: "198.51.100.77").status) }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0.0 == "other" }.map(\.1) == [.ok])
            #expect(statuses.filter { $0.0 == "flood" }.allSatisfy { $0.1 == .ok || $0.1 == .tooManyRequests })
        }
    }
}
