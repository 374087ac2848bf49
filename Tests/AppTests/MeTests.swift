@testable import App
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Storage
import Testing
import TestSupport

@Suite("/users/me")
struct MeTests {
    @Test("GET returns the current user", arguments: Backend.allCases)
    func read(_ backend: Backend) async throws {
        try await AppHarness.withApp(backend) { client, _ in
            let registered = try await client.register("gina")
            let token = try await client.login("gina")
            let me = try await client.send(.get, "/users/me", token: token)
            #expect(me.status == .ok)
            let body = try me.jsonObject()
            #expect(Set(body.keys) == ["id", "username", "email", "created_at", "email_verified"])
            #expect(body["id"] as? Int == registered["id"] as? Int)
            #expect(body["created_at"] as? String == registered["created_at"] as? String)
        }
    }

    @Test("a missing token is 401 with WWW-Authenticate: Bearer", arguments: Backend.allCases)
    func missingToken(_ backend: Backend) async throws {
        try await AppHarness.withApp(backend) { client, _ in
            let headerSets: [HTTPFields] = [
                [:], [.authorization: "Basic Zm9vOmJhcg=="], [.authorization: "Bearer "], [.authorization: "Bearerx.y.z"],
                [.authorization: "Bearer\tx.y.z"], [.authorization: "Bear x.y.z"],
            ]
            for headers in headerSets {
                let response = try await client.send(.get, "/users/me", headers: headers)
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
                #expect(try response.detail() == "Not authenticated")
            }
        }
    }

    @Test("the scheme is case-insensitive, and spaces before the token are allowed")
    func schemeCase() async throws {
        try await AppHarness.withApp(.sqliteMemory) { client, _ in
            try await client.register("ivy")
            let token = try await client.login("ivy")
            for scheme in ["bearer ", "BEARER ", "bEaReR   "] {
                #expect(try await client.send(.get, "/users/me", headers: [.authorization: scheme + token]).status == .ok, "\(scheme)")
            }
        }
    }

    @Test("PUT and PATCH change only the fields sent", arguments: Backend.allCases)
    func update(_ backend: Backend) async throws {
        try await AppHarness.withApp(backend) { client, _ in
            let registered = try await client.register("hank", "hank@example.com")
            let token = try await client.login("hank")
            let renamed = try await client.send(.put, "/users/me", json: ["username": "Henry"], token: token)
            #expect(renamed.status == .ok)
            #expect(try renamed.jsonObject()["username"] as? String == "Henry")
            #expect(try renamed.jsonObject()["email"] as? String == "hank@example.com")
            #expect(try renamed.jsonObject()["created_at"] as? String == registered["created_at"] as? String)
            let patched = try await client.send(.patch, "/users/me", json: ["email": "henry@example.com"], token: token)
            #expect(try patched.jsonObject()["email"] as? String == "henry@example.com")
            #expect(try patched.jsonObject()["username"] as? String == "Henry")
            let nothing = try await client.send(.put, "/users/me", json: [:], token: token)
            #expect(nothing.status == .ok)
            #expect(try nothing.jsonObject()["username"] as? String == "Henry")
            _ = try await client.login("henry@example.com")
        }
    }

    @Test("update conflicts and invalid fields change nothing", arguments: Backend.allCases)
    func updateErrors(_ backend: Backend) async throws {
        try await AppHarness.withApp(backend) { client, database in
            try await client.register("ivy")
            try await client.register("jack")
            let token = try await client.login("jack")
            let taken = try await client.send(.put, "/users/me", json: ["username": "IVY"], token: token)
            #expect(taken.status == .conflict)
            let takenEmail = try await client.send(.put, "/users/me", json: ["email": "ivy@example.com"], token: token)
            #expect(takenEmail.status == .conflict)
            let invalid = try await client.send(.put, "/users/me", json: ["username": "x", "email": "nope", "password": "short"], token: token)
            #expect(invalid.status == .unprocessableContent)
            #expect(try invalid.issueLocations() == ["body.username", "body.email", "body.password"])
            let sameAsName = try await client.send(.put, "/users/me", json: ["password": "JACK@example.com"], token: token)
            #expect(sameAsName.status == .unprocessableContent)
            let wrongType = try await client.send(.put, "/users/me", raw: "name=x", token: token, headers: [.contentType: "text/plain"])
            #expect(wrongType.status == .unsupportedMediaType)
            let jack = try #require(try await database.find(username: "jack"))
            #expect(jack.email == "jack@example.com" && jack.tokenVersion == 0)
        }
    }

    @Test("a password change voids earlier tokens; the new password works", arguments: Backend.allCases)
    func passwordChange(_ backend: Backend) async throws {
        try await AppHarness.withApp(backend) { client, _ in
            try await client.register("kate")
            let old = try await client.login("kate")
            let changed = try await client.send(.put, "/users/me", json: ["password": "a brand new secret"], token: old)
            #expect(changed.status == .ok)
            let stale = try await client.send(.get, "/users/me", token: old)
            #expect(stale.status == .unauthorized)
            #expect(stale.headers[.wwwAuthenticate] == #"Bearer error="invalid_token""#)
            let oldPassword = try await client.send(.post, "/users/login", json: ["username": "kate", "password": "correct horse battery"])
            #expect(oldPassword.status == .unauthorized)
            let fresh = try await client.login("kate", password: "a brand new secret")
            #expect(try await client.send(.get, "/users/me", token: fresh).status == .ok)
            // Changing only the email keeps tokens valid.
            #expect(try await client.send(.put, "/users/me", json: ["email": "kate2@example.com"], token: fresh).status == .ok)
            #expect(try await client.send(.get, "/users/me", token: fresh).status == .ok)
        }
    }

    @Test("DELETE returns the user, removes it and voids its tokens", arguments: Backend.allCases)
    func delete(_ backend: Backend) async throws {
        try await AppHarness.withApp(backend) { client, database in
            let registered = try await client.register("liam")
            let token = try await client.login("liam")
            let deleted = try await client.send(.delete, "/users/me", token: token)
            #expect(deleted.status == .ok)
            #expect(try deleted.jsonObject()["id"] as? Int == registered["id"] as? Int)
            #expect(try deleted.jsonObject()["username"] as? String == "liam")
            #expect(try await database.find(username: "liam") == nil)
            let after = try await client.send(.get, "/users/me", token: token)
            #expect(after.status == .unauthorized)
            #expect(after.headers[.wwwAuthenticate] == #"Bearer error="invalid_token""#)
            #expect(try await client.send(.delete, "/users/me", token: token).status == .unauthorized)
            let login = try await client.send(.post, "/users/login", json: ["username": "liam", "password": "correct horse battery"])
            #expect(login.status == .unauthorized)
            // The name is free again, and the old token does not fit the new account.
            try await client.register("liam")
            #expect(try await client.send(.get, "/users/me", token: token).status == .unauthorized)
        }
    }
}
