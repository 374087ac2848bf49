@testable import App
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Storage
import Testing
import TestSupport

/// Sensitive changes need a recent password check or `current_password`.
@Suite("Step-up for sensitive changes")
struct StepUpTests {
    /// Every login counts as old: only `current_password` lets a sensitive change through.
    private static func strict(_ configuration: inout AppConfiguration) { configuration.reauthMaxAgeMinutes = 0 }

    @Test("email and password changes need current_password once the login is not recent", arguments: Backend.allCases)
    func updates(_ backend: Backend) async throws {
        try await AppHarness.withApp(backend, configure: Self.strict) { client, _ in
            try await client.register("ray", "ray@example.com")
            let pair = try await client.loginPair("ray")
            let renamed = try await client.send(.put, "/users/me", json: ["username": "Raymond"], token: pair.access)
            #expect(renamed.status == .ok)
            let email = try await client.send(.put, "/users/me", json: ["email": "raymond@example.com"], token: pair.access)
            #expect(email.status == .forbidden)
            #expect(try email.detail().contains("current_password"))
            let wrong = try await client.send(.patch, "/users/me", json: ["email": "raymond@example.com", "current_password": "not it at all"], token: pair.access)
            #expect(wrong.status == .forbidden)
            let metrics = String(buffer: try await client.send(.get, "/metrics").body)
            #expect(metrics.contains(#"login_attempts_total{result="failure"} 1"#))
            let withPassword = try await client.send(.put, "/users/me", json: ["email": "raymond@example.com", "current_password": "correct horse battery"], token: pair.access)
            #expect(withPassword.status == .ok)
            #expect(try withPassword.jsonObject()["email"] as? String == "raymond@example.com")
            let noPassword = try await client.send(.put, "/users/me", json: ["password": "a brand new secret"], token: pair.access)
            #expect(noPassword.status == .forbidden)
            let changed = try await client.send(.put, "/users/me", json: ["password": "a brand new secret", "current_password": "correct horse battery"], token: pair.access)
            #expect(changed.status == .ok)
            // A password change ends every session: the token and its refresh token are void.
            #expect(try await client.send(.get, "/users/me", token: pair.access).status == .unauthorized)
            #expect(try await client.refresh(pair.refresh).status == .unauthorized)
            _ = try await client.login("Raymond", password: "a brand new secret")
        }
    }

    @Test("deleting the account needs current_password once the login is not recent", arguments: Backend.allCases)
    func delete(_ backend: Backend) async throws {
        try await AppHarness.withApp(backend, configure: Self.strict) { client, _ in
            try await client.register("sue")
            let token = try await client.login("sue")
            #expect(try await client.send(.delete, "/users/me", token: token).status == .forbidden)
            #expect(try await client.send(.delete, "/users/me", json: ["current_password": "wrong one here"], token: token).status == .forbidden)
            let deleted = try await client.send(.delete, "/users/me", json: ["current_password": "correct horse battery"], token: token)
            #expect(deleted.status == .ok)
            #expect(try await client.send(.get, "/users/me", token: token).status == .unauthorized)
        }
    }

    @Test("a recent login needs no current_password, as the seed's clients expect", arguments: Backend.allCases)
    func recentLogin(_ backend: Backend) async throws {
        try await AppHarness.withApp(backend) { client, _ in
            try await client.register("tia")
            let pair = try await client.loginPair("tia")
            #expect(try await client.send(.put, "/users/me", json: ["email": "tia2@example.com"], token: pair.access).status == .ok)
            // A refresh keeps the session's auth_time, so it does not make the login recent again.
            let refreshed = try await client.refresh(pair.refresh)
            let access = try #require(try refreshed.jsonObject()["access_token"] as? String)
            #expect(try await client.send(.delete, "/users/me", token: access).status == .ok)
        }
    }
}
