@testable import App
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Storage
import Testing
import TestSupport

/// Sessions over HTTP: refresh with rotation and reuse detection, logout, the session list.
@Suite("Sessions")
struct SessionTests {
    private static func claims(_ token: String) throws -> [String: Any] {
        let payload = try #require(token.split(separator: ".").dropFirst().first)
        let data = try #require(Data(base64URLEncoded: String(payload)))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("login starts a session: a refresh token and an access token bound to it", arguments: Backend.allCases)
    func login(_ backend: Backend) async throws {
        try await AppHarness.withApp(backend) { client, _ in
            try await client.register("ivy")
            let pair = try await client.loginPair("ivy", userAgent: "TestAgent/1.0")
            #expect(pair.refresh.count == 43 && pair.refresh.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
            let claims = try Self.claims(pair.access)
            let sid = try #require(claims["sid"] as? String)
            #expect(claims["auth_time"] is Int)
            let list = try await client.send(.get, "/users/me/sessions", token: pair.access)
            #expect(list.status == .ok)
            let sessions = try #require(try JSONSerialization.jsonObject(with: Data(list.body.readableBytesView)) as? [[String: Any]])
            #expect(sessions.count == 1)
            #expect(sessions.first?["id"] as? String == sid && sessions.first?["current"] as? Bool == true)
            #expect(sessions.first?["user_agent"] as? String == "TestAgent/1.0")
            #expect(Set(sessions.first?.keys ?? [:].keys) == ["id", "created_at", "last_used_at", "expires_at", "user_agent", "ip", "current"])
        }
    }

    @Test("refresh rotates; a spent refresh token revokes the whole session", arguments: Backend.allCases)
    func rotationAndReuse(_ backend: Backend) async throws {
        try await AppHarness.withApp(backend) { client, _ in
            try await client.register("jade")
            let first = try await client.loginPair("jade")
            let refreshed = try await client.refresh(first.refresh)
            #expect(refreshed.status == .ok)
            let body = try refreshed.jsonObject()
            let (access, next) = (try #require(body["access_token"] as? String), try #require(body["refresh_token"] as? String))
            #expect(next != first.refresh && body["token_type"] as? String == "bearer")
            #expect(try Self.claims(access)["sid"] as? String == Self.claims(first.access)["sid"] as? String)
            #expect(try Self.claims(access)["auth_time"] as? Int == Self.claims(first.access)["auth_time"] as? Int)
            #expect(try await client.send(.get, "/users/me", token: access).status == .ok)
            let reused = try await client.refresh(first.refresh)
            #expect(reused.status == .unauthorized)
            #expect(try await client.send(.get, "/users/me", token: access).status == .unauthorized)
            #expect(try await client.send(.get, "/users/me", token: first.access).status == .unauthorized)
            #expect(try await client.refresh(next).status == .unauthorized)
            #expect(try await client.refresh("not-a-token").status == .unauthorized)
            #expect(try await client.send(.post, "/users/refresh", json: [:]).status == .unprocessableContent)
        }
    }

    @Test("the OAuth2 form grant_type=refresh_token works on /users/login", arguments: Backend.allCases)
    func formGrant(_ backend: Backend) async throws {
        try await AppHarness.withApp(backend) { client, _ in
            try await client.register("kim")
            let pair = try await client.loginPair("kim")
            let response = try await client.send(
                .post, "/users/login", raw: "grant_type=refresh_token&refresh_token=\(pair.refresh)",
                headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(response.status == .ok, "\(String(buffer: response.body))")
            #expect(try response.jsonObject()["refresh_token"] as? String != pair.refresh)
        }
    }

    @Test("concurrent refreshes with one token: exactly one succeeds", arguments: Backend.allCases)
    func concurrentRefresh(_ backend: Backend) async throws {
        try await AppHarness.withApp(backend) { client, _ in
            try await client.register("lee")
            let pair = try await client.loginPair("lee")
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<6 { group.addTask { try await client.refresh(pair.refresh).status } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 1)
            #expect(statuses.filter { $0 == .unauthorized }.count == 5)
        }
    }

    @Test("logout: this session, the others, or all of them", arguments: Backend.allCases)
    func logout(_ backend: Backend) async throws {
        try await AppHarness.withApp(backend) { client, _ in
            try await client.register("max")
            let (a, b, c) = (try await client.loginPair("max"), try await client.loginPair("max"), try await client.loginPair("max"))
            #expect(try await client.send(.post, "/users/logout?scope=others", token: a.access).status == .noContent)
            #expect(try await client.send(.get, "/users/me", token: b.access).status == .unauthorized)
            #expect(try await client.send(.get, "/users/me", token: c.access).status == .unauthorized)
            #expect(try await client.refresh(b.refresh).status == .unauthorized)
            #expect(try await client.send(.get, "/users/me", token: a.access).status == .ok)
            let d = try await client.loginPair("max")
            #expect(try await client.send(.post, "/users/logout", token: d.access).status == .noContent)
            #expect(try await client.send(.get, "/users/me", token: d.access).status == .unauthorized)
            #expect(try await client.refresh(d.refresh).status == .unauthorized)
            #expect(try await client.send(.get, "/users/me", token: a.access).status == .ok)
            #expect(try await client.send(.post, "/users/logout?scope=global", token: a.access).status == .noContent)
            #expect(try await client.send(.get, "/users/me", token: a.access).status == .unauthorized)
            #expect(try await client.refresh(a.refresh).status == .unauthorized)
            #expect(try await client.send(.post, "/users/logout?scope=everything", token: try await client.login("max")).status == .unprocessableContent)
            #expect(try await client.send(.post, "/users/logout").status == .unauthorized)
        }
    }

    @Test("a logout through one replica is refused at once by the other", arguments: Backend.persistent)
    func logoutAcrossReplicas(_ backend: Backend) async throws {
        try await AppHarness.withReplicas(backend) { one, two in
            try await one.register("nia")
            let pair = try await one.loginPair("nia")
            #expect(try await two.send(.get, "/users/me", token: pair.access).status == .ok)
            #expect(try await one.send(.post, "/users/logout", token: pair.access).status == .noContent)
            #expect(try await two.send(.get, "/users/me", token: pair.access).status == .unauthorized)
            #expect(try await two.refresh(pair.refresh).status == .unauthorized)
        }
    }

    @Test("one session can be revoked; another user's or an unknown id is 404", arguments: Backend.allCases)
    func revokeOne(_ backend: Backend) async throws {
        try await AppHarness.withApp(backend) { client, _ in
            try await client.register("oli")
            try await client.register("pat")
            let (mine, other) = (try await client.loginPair("oli"), try await client.loginPair("oli"))
            let foreign = try await client.loginPair("pat")
            let otherID = try #require(try Self.claims(other.access)["sid"] as? String)
            let foreignID = try #require(try Self.claims(foreign.access)["sid"] as? String)
            let list = try await client.send(.get, "/users/me/sessions", token: mine.access)
            let sessions = try #require(try JSONSerialization.jsonObject(with: Data(list.body.readableBytesView)) as? [[String: Any]])
            #expect(sessions.count == 2 && sessions.filter { $0["current"] as? Bool == true }.count == 1)
            let notMine = try await client.send(.delete, "/users/me/sessions/\(foreignID)", token: mine.access)
            #expect(notMine.status == .notFound)
            #expect(try await client.send(.delete, "/users/me/sessions/unknown", token: mine.access).status == .notFound)
            #expect(try await client.send(.get, "/users/me", token: foreign.access).status == .ok)
            #expect(try await client.send(.delete, "/users/me/sessions/\(otherID)", token: mine.access).status == .noContent)
            #expect(try await client.send(.get, "/users/me", token: other.access).status == .unauthorized)
            #expect(try await client.send(.delete, "/users/me/sessions/\(otherID)", token: mine.access).status == .notFound)
            #expect(try await client.send(.put, "/users/me/sessions/\(otherID)", token: mine.access).status == .methodNotAllowed)
        }
    }

    @Test("tokens from before sessions (no sid) keep working until they expire")
    func legacyTokens() async throws {
        try await AppHarness.withApp(.sqliteFile) { client, database in
            let registered = try await client.register("quinn")
            let id = try #require(registered["id"] as? Int).int64
            let user = try #require(try await database.find(id: id))
            let tokens = await TokenService(secret: AppHarness.secret, algorithm: .hs256, lifetime: .seconds(1800))
            let legacy = try await tokens.issue(for: user)
            #expect(try Self.claims(legacy)["sid"] == nil)
            #expect(try await client.send(.get, "/users/me", token: legacy).status == .ok)
            #expect(try await client.send(.get, "/users/me/sessions", token: legacy).status == .ok)
            #expect(try await client.send(.post, "/users/logout", token: legacy).status == .noContent)
            #expect(try await client.send(.get, "/users/me", token: legacy).status == .unauthorized)
        }
    }
}
