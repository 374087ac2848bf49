@testable import App
import Foundation
import HTTPTypes
import HummingbirdTesting
import Migrations
import NIOCore
import Storage
import Testing
import TestSupport

/// PostgreSQL on a test host whose network fails silently (packets dropped, nothing
/// answers). Every request must get its answer or a 503 within the README's bound.
@Suite("Silent network partition", .timeLimit(.minutes(3)))
struct PartitionTests {
    /// The README's bound for one request: pool wait, connect, and a statement's deadline.
    static let bound = Duration.seconds(30)

    /// Runs `request`, checking it answers within the bound; returns its status.
    static func timed(_ request: () async throws -> TestResponse) async throws -> HTTPResponse.Status {
        let started = ContinuousClock.now
        let response = try await request()
        let elapsed = ContinuousClock.now - started
        #expect(elapsed < bound, "answered \(response.status) after \(elapsed)")
        if response.status == .serviceUnavailable { #expect(response.headers[.retryAfter] != nil) }
        return response.status
    }

    @Test("reads and writes answer within the bound during a partition, /health throughout, all is well after healing")
    func partition() async throws {
        try await TestHost.with { host in
            try await Database.withOpen(try DatabaseURL(parsing: host.postgresURL)) { database in
                try await TestDatabase.migrate(database)
                let app = try await buildApplication(AppHarness.configuration { $0.rateLimits.enabled = false }, database: database)
                try await app.test(.router) { client in try await Self.exercise(client, host, database) }
            }
        }
    }

    private static func exercise(_ client: some TestClientProtocol, _ host: TestHost, _ database: any UserDatabase) async throws {
        for name in ["ann", "ben"] { try await client.register(name) }
        let token = try await client.login("ann")
        try await host.partition()
        let (reads, writes, health) = try await withThrowingTaskGroup(of: (String, HTTPResponse.Status).self) { group in
            for _ in 0..<3 { group.addTask { ("read", try await timed { try await client.send(.get, "/users/me", token: token) }) } }
            for n in 0..<3 {
                group.addTask {
                    ("write:writer\(n)", try await timed {
                        try await client.send(.post, "/users/register", json: ["username": "writer\(n)", "email": "writer\(n)@example.com", "password": "correct horse battery"])
                    })
                }
            }
            group.addTask { ("health", try await timed { try await client.send(.get, "/health") }) }
            var all: [(String, HTTPResponse.Status)] = []
            for try await outcome in group { all.append(outcome) }
            return (all.filter { $0.0 == "read" }, all.filter { $0.0.hasPrefix("write") }, all.filter { $0.0 == "health" })
        }
        #expect(health.allSatisfy { $0.1 == .ok })
        #expect(reads.allSatisfy { [.ok, .serviceUnavailable].contains($0.1) } && reads.contains { $0.1 == .serviceUnavailable }, "\(reads)")
        #expect(writes.allSatisfy { [.created, .serviceUnavailable].contains($0.1) }, "\(writes)")
        try await host.heal()
        // Within one deadline of healing, without a restart.
        var status = HTTPResponse.Status.serviceUnavailable
        for _ in 0..<3 where status != .ok {
            status = try await timed { try await client.send(.get, "/users/me", token: token) }
        }
        #expect(status == .ok)
        // No acknowledged write lost (a 503 write may or may not have happened).
        for (label, outcome) in writes where outcome == .created {
            #expect(try await database.find(username: String(label.dropFirst("write:".count))) != nil, "\(label)")
        }
        try await client.register("after")
    }

    @Test("a silent first host in a multi-host URL: the next host is used within the connect deadline")
    func silentFirstHost() async throws {
        let base = try #require(ProcessInfo.processInfo.environment["TEST_POSTGRES_URL"], "TEST_POSTGRES_URL is not set: run scripts/test.sh")
        try await TestHost.with { host in
            try await host.partition()
            // postgresql://user:pass@h2/db becomes postgresql://user:pass@h1:5432,h2/db.
            let at = try #require(base.lastIndex(of: "@"))
            let url = base[...at] + "\(host.address):5432," + base[base.index(after: at)...] + "?target_session_attrs=read-write"
            let started = ContinuousClock.now
            try await Database.withOpen(try DatabaseURL(parsing: String(url))) { database in
                try await database.ping()
            }
            let elapsed = ContinuousClock.now - started
            #expect(elapsed < .seconds(15), "connected after \(elapsed)")
        }
    }
}
