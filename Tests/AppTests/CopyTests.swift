@testable import App
import Foundation
import HummingbirdTesting
import Migrations
import Storage
import Testing
import TestSupport

/// `migrator copy` between backends: SQLite to PostgreSQL and back.
@Suite("Copying between databases")
struct CopyTests {
    /// Users (one deleted, so ids have a gap), a session and a throttling counter.
    private static func fill(_ database: any UserDatabase) async throws {
        let hash = try Argon2.hash("correct horse battery", .minimum)
        for name in ["ann", "ben", "cyd"] {
            _ = try await database.create(NewUser(username: name, email: "\(name)@example.com", passwordHash: hash))
        }
        _ = try await database.delete(id: 2)
        // A verified email (a boolean on PostgreSQL, 0/1 on SQLite), a token and a mail.
        _ = try await database.update(id: 3, UserUpdate(emailVerified: true))
        let now = Timestamp.now()
        try await database.issue(AccountEffects(
            token: NewAccountToken(hash: "t-ann", purpose: .passwordReset, email: "ann@example.com", createdAt: now, expiresAt: now.addingTimeInterval(600)),
            mail: [OutgoingMail(id: "m-ann", messageID: "<m-ann@example.com>", recipient: "ann@example.com", subject: "s", text: "t", html: "h", createdAt: now)]),
            userID: 1)
        try await database.record(AuditEvent(id: AuditEvent.makeID(at: now), occurredAt: now, type: "user.registered", userID: 1, client: "192.0.2.1"))
        _ = try await database.createSession(NewSession(
            id: "s-ann", userID: 1, refreshTokenHash: "h-ann", refreshLifetime: .seconds(3600), maxLifetime: .seconds(7200),
            userAgent: "curl", ip: "192.0.2.1", now: Timestamp.now()))
        _ = try await database.count([("login:192.0.2.1", .seconds(900))], now: Date())
    }

    @Test("SQLite to PostgreSQL and back: same counts and ids, and the users log in on the target")
    func roundTrip() async throws {
        try await withDatabase(.sqliteFile) { sqlite in
            try await Self.fill(sqlite)
            try await withDatabase(.postgres) { postgres in
                let counts = try await DatabaseCopy(from: sqlite, to: postgres, directory: TestDatabase.migrationsDirectory).run()
                #expect(counts.map(\.table) == ["users", "sessions", "refresh_tokens", "rate_limits", "account_tokens", "outbox", "audit_events"])
                #expect(counts.allSatisfy { $0.source == $0.target })
                #expect(counts.map(\.target) == [2, 1, 1, 1, 1, 1, 1])
                #expect(try await postgres.find(id: 3)?.username == "cyd")
                #expect(try await postgres.find(id: 3)?.emailVerified == true)
                #expect(try await postgres.find(id: 1)?.emailVerified == false)
                #expect(try await postgres.tokenOwner(hash: "t-ann", purpose: .passwordReset, now: Date())?.id == 1)
                #expect(try await postgres.outboxStatistics().pending == 1)
                #expect(try await postgres.find(id: 2) == nil)
                let session = try await postgres.activeSessions(userID: 1, now: Date())
                #expect(session.map(\.id) == ["s-ann"])
                #expect(try await sqlite.activeSessions(userID: 1, now: Date()) == session)
                try await withDatabase(.sqliteFile) { back in
                    let again = try await DatabaseCopy(from: postgres, to: back, directory: TestDatabase.migrationsDirectory).run()
                    #expect(again == counts)
                    for id: Int64 in [1, 3] {
                        let original = try await sqlite.find(id: id)
                        #expect(try await back.find(id: id) == original)
                    }
                }
                let app = try await buildApplication(AppHarness.configuration(), database: postgres)
                try await app.test(.router) { client in
                    _ = try await client.login("ann")
                    let registered = try await client.register("dee")
                    #expect(registered["id"] as? Int == 4)
                }
            }
        }
    }

    @Test("a target that has users is refused unless --replace", arguments: Backend.persistent)
    func nonEmptyTarget(_ backend: Backend) async throws {
        try await withDatabase(.sqliteFile) { source in
            try await Self.fill(source)
            try await withDatabase(backend) { target in
                _ = try await target.create(NewUser(username: "already", email: "already@example.com", passwordHash: "h"))
                let copy = try DatabaseCopy(from: source, to: target, directory: TestDatabase.migrationsDirectory)
                let error = await #expect(throws: MigrationError.self) { try await copy.run() }
                #expect(error?.message.contains("already has 1 user(s); pass --replace") == true)
                #expect(try await target.find(username: "already") != nil)
                _ = try await copy.run(replace: true)
                #expect(try await target.find(username: "already") == nil)
                #expect(try await target.find(username: "ann")?.id == 1)
            }
        }
    }

    @Test("databases at different schema versions are refused with a clear error")
    func versionMismatch() async throws {
        try await withDatabase(.sqliteFile) { source in
            try await withDatabase(.postgres, migrated: false) { target in
                try await Migrations(database: target, directory: TestDatabase.migrationsDirectory).up(to: .version(2))
                let error = await #expect(throws: MigrationError.self) {
                    try await DatabaseCopy(from: source, to: target, directory: TestDatabase.migrationsDirectory).run()
                }
                #expect(error?.message.contains("different schema versions") == true, "\(error?.message ?? "")")
            }
        }
    }
}
