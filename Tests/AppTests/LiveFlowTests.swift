@testable import App
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Storage
import Testing
import TestSupport

/// The whole flow over a real socket, and what the logs say about it.
@Suite("Live HTTP flow")
struct LiveFlowTests {
    @Test("register, login, me, update, delete over TCP; logs hold no secrets", arguments: Backend.allCases)
    func flow(_ backend: Backend) async throws {
        let logs = CapturedLogs()
        let password = "live flow secret 1", newPassword = "live flow secret 2"
        let configuration = AppHarness.configuration { $0.port = 0 }
        let token = try await withDatabase(backend) { database in
            let app = try await buildApplication(configuration, database: database, logger: logs.logger())
            return try await app.test(.live) { client in
                try await client.register("live", "live@example.com", password: password)
                let token = try await client.login("live", password: password)
                #expect(try await client.send(.get, "/users/me", token: token).status == .ok)
                let updated = try await client.send(.put, "/users/me", json: ["password": newPassword], token: token)
                #expect(updated.status == .ok)
                let fresh = try await client.login("live@example.com", password: newPassword)
                let deleted = try await client.send(.delete, "/users/me", token: fresh)
                #expect(deleted.status == .ok)
                #expect(try deleted.jsonObject()["email"] as? String == "live@example.com")
                #expect(try await client.send(.get, "/users/me", token: fresh).status == .unauthorized)
                return fresh
            }
        }
        let lines = logs.all
        #expect(lines.contains { $0.contains("POST /users/register 201") })
        #expect(lines.contains { $0.contains("DELETE /users/me 200") && $0.contains("request_id") })
        for secret in [password, newPassword, token, AppHarness.secret, "argon2id"] {
            #expect(!lines.contains { $0.contains(secret) }, "a log line contains a secret")
        }
    }
}
