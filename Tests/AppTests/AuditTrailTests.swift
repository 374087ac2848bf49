@testable import App
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Storage
import Testing
import TestSupport

/// Security events: recorded on state changes and logins, listed to their user.
@Suite("Audit trail")
struct AuditTrailTests {
    @Test("every kind of event is recorded and listed newest first, with no reason shown", arguments: Backend.allCases)
    func events(_ backend: Backend) async throws {
        try await AppHarness.withApp(backend) { client, database in
            let id = try #require(try await client.register("rita")["id"] as? Int).int64
            #expect(try await client.send(.post, "/users/login", json: ["username": "rita", "password": "wrong password"]).status == .unauthorized)
            let pair = try await client.loginPair("rita", userAgent: "audit-test/1")
            _ = try await client.send(.get, "/users/me", token: pair.access)
            let update = try await client.send(.put, "/users/me", json: [
                "username": "rita2", "email": "rita2@example.com", "password": "another fine secret", "current_password": "correct horse battery",
            ], token: pair.access)
            #expect(update.status == .ok)
            let second = try await client.loginPair("rita2", password: "another fine secret")
            let rotated = try await client.refresh(second.refresh)
            #expect(rotated.status == .ok)
            #expect(try await client.refresh(second.refresh).status == .unauthorized)
            let third = try await client.loginPair("rita2", password: "another fine secret")
            #expect(try await client.send(.post, "/users/logout", token: third.access).status == .noContent)
            let token = try await client.login("rita2", password: "another fine secret")
            let listed = try await client.send(.get, "/users/me/events?limit=100", token: token)
            #expect(listed.status == .ok)
            let events = try #require(try JSONSerialization.jsonObject(with: Data(listed.body.readableBytesView)) as? [[String: Any]])
            #expect(events.map { $0["type"] as? String } == [
                "login.succeeded", "session.revoked", "login.succeeded", "refresh.reused", "login.succeeded", "username.changed",
                "email.changed", "password.changed", "login.succeeded", "login.failed", "user.registered",
            ])
            #expect(events.allSatisfy { Set($0.keys) == ["id", "type", "occurred_at", "ip", "user_agent"] })
            #expect(events.contains { $0["user_agent"] as? String == "audit-test/1" })
            let stored = try await database.events(userID: id, before: nil, limit: 100)
            #expect(stored.first { $0.type == "login.failed" }?.reason == "bad_password")
            #expect(stored.allSatisfy { $0.requestID?.isEmpty == false })
            #expect(!String(buffer: listed.body).contains("bad_password"))
        }
    }

    @Test("paging with limit and before; bad parameters are a 422", arguments: Backend.allCases)
    func paging(_ backend: Backend) async throws {
        try await AppHarness.withApp(backend) { client, _ in
            try await client.register("sid")
            for _ in 0..<3 { _ = try await client.login("sid") }
            let token = try await client.login("sid")
            let page = { (query: String) async throws -> [String] in
                let response = try await client.send(.get, "/users/me/events\(query)", token: token)
                let events = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]])
                return events.compactMap { $0["id"] as? String }
            }
            let all = try await page("")
            #expect(all.count == 5 && all == all.sorted(by: >))
            let first = try await page("?limit=2")
            #expect(first == Array(all.prefix(2)))
            #expect(try await page("?limit=2&before=\(first[1])") == Array(all[2..<4]))
            for bad in ["?limit=0", "?limit=101", "?limit=x", "?before=zzz", "?before=%00"] {
                #expect(try await client.send(.get, "/users/me/events\(bad)", token: token).status == .unprocessableContent, "\(bad)")
            }
            #expect(try await client.send(.get, "/users/me/events").status == .unauthorized)
        }
    }

    @Test("reading /users/me records nothing; a deleted user's events are kept", arguments: Backend.allCases)
    func readsAndDeletion(_ backend: Backend) async throws {
        try await AppHarness.withApp(backend) { client, database in
            let id = try #require(try await client.register("tess")["id"] as? Int).int64
            let token = try await client.login("tess")
            let before = try await database.events(userID: id, before: nil, limit: 100).count
            for _ in 0..<3 { _ = try await client.send(.get, "/users/me", token: token) }
            #expect(try await database.events(userID: id, before: nil, limit: 100).count == before)
            #expect(try await client.send(.delete, "/users/me", token: token).status == .ok)
            #expect(try await database.events(userID: id, before: nil, limit: 100).map(\.type) == ["user.deleted", "login.succeeded", "user.registered"])
        }
    }

    @Test("a throttled login is recorded with its reason")
    func throttled() async throws {
        try await AppHarness.withApp(.sqliteMemory, configure: { $0.rateLimits.loginsPerAddress = RateLimit(count: 1, window: .seconds(60)) }) { client, database in
            try await client.register("uma")
            _ = try await client.login("uma")
            #expect(try await client.send(.post, "/users/login", json: ["username": "uma", "password": "correct horse battery"]).status == .tooManyRequests)
            // registered, login.succeeded, and the throttled attempt (no user: the name is not looked up).
            #expect(try await database.withSchemaSession(readOnly: true) { try $0.rowCount("audit_events") } == 3)
        }
    }
}
