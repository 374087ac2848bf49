@testable import App
import Foundation
import HTTPTypes
import HummingbirdTesting
import Migrations
@testable import Storage
import Testing
import TestSupport

/// The service behind PgBouncer in transaction pooling mode, as many deployments run it:
/// migrations on a direct connection, the service through PgBouncer. PgBouncer 1.18 does not
/// carry prepared statements across server connections: with `prepared_statements=false` none
/// are made, and without it each connection finds out and stops preparing.
@Suite("PgBouncer in transaction mode", .timeLimit(.minutes(3)))
struct PgBouncerTests {
    @Test("the seed flow and sessions work through PgBouncer, with concurrent logins; migrations keep a direct connection",
          arguments: ["?prepared_statements=false", ""])
    func seedFlow(_ parameters: String) async throws {
        try await TestPgBouncer.with { bouncer in
            try await Database.withOpen(try DatabaseURL(parsing: bouncer.directURL)) { try await TestDatabase.migrate($0) }
            let url = try DatabaseURL(parsing: bouncer.bouncerURL + parameters)
            try await Database.withOpen(url, poolSize: 4) { database in
                let app = try await buildApplication(AppHarness.configuration(), database: database)
                try await app.test(.router) { client in
                    try await Self.exercise(client)
                    try await Self.pipelines(database)
                }
            }
        }
    }

    /// A pipeline of reads, twice: the second runs statements the first prepared, which
    /// PgBouncer may have left on another server connection.
    private static func pipelines(_ database: any UserDatabase) async throws {
        for _ in 1...2 {
            let outcomes = try await database.withSchemaSession { session in
                session.connection.queryBatch((0..<8).map { SQLStatement(sql: "SELECT $1::int8 AS value", binds: [.integer(Int64($0))]) })
            }
            #expect(outcomes.map { try? $0.get().first?.integer("value") } == (0..<8).map { Int64($0) })
        }
    }

    private static func exercise(_ client: some TestClientProtocol) async throws {
        let created = try await client.register("bouncer", "bouncer@example.com")
        #expect(created["username"] as? String == "bouncer")
        // Concurrent requests, so that PgBouncer hands transactions to different server connections.
        let tokens = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 { group.addTask { try await client.login("bouncer") } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        // Concurrent token checks, which the storage gathers into pipelines.
        let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
            for token in tokens + tokens + tokens + tokens { group.addTask { try await client.send(.get, "/users/me", token: token).status } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: .ok, count: tokens.count * 4))
        let token = try #require(tokens.first)
        let updated = try await client.send(.put, "/users/me", json: ["email": "moved@example.com"], token: token)
        #expect(updated.status == .ok)
        #expect(try updated.jsonObject()["email"] as? String == "moved@example.com")
        #expect(try await client.send(.post, "/users/register", json: ["username": "BOUNCER", "email": "x@example.com", "password": "correct horse battery"]).status == .conflict)
        let deleted = try await client.send(.delete, "/users/me", token: token)
        #expect(deleted.status == .ok)
        #expect(try await client.send(.get, "/users/me", token: tokens[tokens.count - 1]).status == .unauthorized)
    }
}
