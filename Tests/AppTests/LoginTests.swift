@testable import App
import Foundation
import HTTPTypes
import HummingbirdBcrypt
import HummingbirdTesting
import NIOCore
import Storage
import Testing
import TestSupport

@Suite("POST /users/login")
struct LoginTests {
    @Test("JSON login returns a bearer token", arguments: Backend.allCases)
    func json(_ backend: Backend) async throws {
        try await AppHarness.withApp(backend) { client, _ in
            try await client.register("dana")
            let response = try await client.send(.post, "/users/login", json: ["username": "dana", "password": "correct horse battery"])
            #expect(response.status == .ok)
            let body = try response.jsonObject()
            #expect(body["token_type"] as? String == "bearer")
            #expect(body["expires_in"] as? Int == 1800)
            #expect((body["access_token"] as? String)?.split(separator: ".").count == 3)
        }
    }

    @Test("OAuth2 password-grant form, by username or email", arguments: Backend.allCases)
    func form(_ backend: Backend) async throws {
        try await AppHarness.withApp(backend) { client, _ in
            try await client.register("Eve Smith", "eve@example.com", password: "p@ss word+&=")
            for username in ["Eve+Smith", "EVE%20SMITH", "eve%40example.com"] {
                let response = try await client.send(
                    .post, "/users/login", raw: "grant_type=password&username=\(username)&password=p%40ss+word%2B%26%3D&scope=",
                    headers: [.contentType: "application/x-www-form-urlencoded"])
                #expect(response.status == .ok, "\(username): \(String(buffer: response.body))")
            }
            let badGrant = try await client.send(
                .post, "/users/login", raw: "grant_type=client_credentials&username=eve&password=x",
                headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(badGrant.status == .unprocessableContent)
        }
    }

    @Test("unknown user and wrong password look the same", arguments: Backend.allCases)
    func noEnumeration(_ backend: Backend) async throws {
        try await AppHarness.withApp(backend) { client, _ in
            try await client.register("frank")
            let wrong = try await client.send(.post, "/users/login", json: ["username": "frank", "password": "wrong password"])
            let unknown = try await client.send(.post, "/users/login", json: ["username": "nobody", "password": "wrong password"])
            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == wrong.status)
            #expect(String(buffer: unknown.body) == String(buffer: wrong.body))
            #expect(unknown.headers[.wwwAuthenticate] == wrong.headers[.wwwAuthenticate])
            #expect(wrong.headers[.wwwAuthenticate] == "Bearer")
        }
    }

    @Test("a passlib bcrypt hash logs in and is upgraded to argon2id", arguments: Backend.allCases)
    func bcryptUpgrade(_ backend: Backend) async throws {
        // passlib.hash.bcrypt.hash("legacy password"): what the Python service stored.
        let passlib = "$2b$12$gFJ7kied0uukgE3pSjJrrOANsYty3dy3us584iL7WUX/FiwxQxQPa"
        try await AppHarness.withApp(backend) { client, database in
            let legacy = try await database.create(NewUser(username: "legacy", email: "legacy@example.com", passwordHash: passlib))
            let wrong = try await client.send(.post, "/users/login", json: ["username": "legacy", "password": "legacy passwore"])
            #expect(wrong.status == .unauthorized)
            #expect(try await database.find(id: legacy.id)?.passwordHash == passlib)
            _ = try await client.login("legacy", password: "legacy password")
            let upgraded = try #require(try await database.find(id: legacy.id))
            #expect(upgraded.passwordHash.hasPrefix("$argon2id$"))
            #expect(upgraded.tokenVersion == legacy.tokenVersion)
            _ = try await client.login("legacy", password: "legacy password")
        }
    }

    @Test("$2a$ and $2y$ bcrypt variants verify too", arguments: ["$2a$", "$2y$"])
    func bcryptVariants(_ prefix: String) async throws {
        let hash = prefix + Bcrypt.hash("variant password", cost: 4).dropFirst(4)
        try await AppHarness.withApp(.sqliteMemory) { client, database in
            _ = try await database.create(NewUser(username: "variant", email: "v@example.com", passwordHash: hash))
            _ = try await client.login("variant", password: "variant password")
        }
    }

    @Test("weaker argon2 parameters are re-hashed on login")
    func argon2Upgrade() async throws {
        let weak = try Argon2.hash("weak params pw", Argon2.Parameters(iterations: 1, memoryBytes: 8192))
        try await AppHarness.withApp(.sqliteMemory, configure: { $0.argon2 = Argon2.Parameters(iterations: 2, memoryBytes: 16384) }) { client, database in
            let user = try await database.create(NewUser(username: "weak", email: "w@example.com", passwordHash: weak))
            _ = try await client.login("weak", password: "weak params pw")
            let stored = try #require(try await database.find(id: user.id)?.passwordHash)
            #expect(stored != weak && stored.contains("t=2"))
        }
    }

    @Test("a burst of 64 logins gets its real answers with the default budget: no 503, no 429")
    func burst() async throws {
        // OWASP argon2 takes about 50 ms on two cores: with the default 2 s budget, 80 fit.
        try await AppHarness.withApp(.sqliteMemory, configure: {
            $0.hashThreads = 2
            $0.hashQueue = AppConfiguration(secretKey: AppHarness.secret).hashQueue
            $0.hashTime = .milliseconds(50)
            $0.rateLimits.enabled = false
        }) { client, _ in
            try await client.register("burst")
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<64 {
                    group.addTask { try await client.send(.post, "/users/login", json: ["username": "burst", "password": "correct horse battery"]).status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.count == 64 && statuses.allSatisfy { $0 == .ok }, "\(statuses.filter { $0 != .ok })")
        }
    }

    @Test("a tiny budget: past it, 429 for the client that filled it, 503 with Retry-After for the rest", .timeLimit(.minutes(3)))
    func tinyBudget() async throws {
        try await AppHarness.withApp(.sqliteMemory, configure: {
            $0.hashThreads = 1
            $0.hashMaxWaitMilliseconds = 1
            $0.hashTime = .milliseconds(50)
        }) { client, _ in
            try await client.register("tiny")
            let responses = try await withThrowingTaskGroup(of: TestResponse.self) { group in
                for _ in 0..<12 {
                    group.addTask { try await client.send(.post, "/users/login", json: ["username": "tiny", "password": "correct horse battery"]) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // One client (router tests have no peer address): what does not fit is its own flood.
            #expect(responses.allSatisfy { [.ok, .tooManyRequests].contains($0.status) })
            #expect(responses.contains { $0.status == .tooManyRequests })
            #expect(responses.filter { $0.status != .ok }.allSatisfy { $0.headers[.retryAfter] != nil })
        }
    }
}
