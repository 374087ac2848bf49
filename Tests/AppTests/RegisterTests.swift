@testable import App
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Storage
import Testing
import TestSupport

@Suite("POST /users/register")
struct RegisterTests {
    @Test("201 with exactly id, username, email, created_at and email_verified", arguments: Backend.allCases)
    func shape(_ backend: Backend) async throws {
        try await AppHarness.withApp(backend) { client, _ in
            let response = try await client.send(.post, "/users/register", json: ["username": "Zoë", "email": "zoe@example.com", "password": "correct horse battery"])
            #expect(response.status == .created)
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            let body = try response.jsonObject()
            #expect(Set(body.keys) == ["id", "username", "email", "created_at", "email_verified"])
            #expect(body["email_verified"] as? Bool == false)
            #expect(body["username"] as? String == "Zoë")
            #expect(body["email"] as? String == "zoe@example.com")
            let created = try #require(body["created_at"] as? String)
            #expect(created.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/) != nil)
            #expect(!String(buffer: response.body).contains("correct horse"))
            #expect(!String(buffer: response.body).contains("argon2"))
        }
    }

    @Test("names round-trip exactly", arguments: Backend.allCases, ["Zoë", "ユーザー_😀", "o'brien; --", "Robert'); DROP TABLE users;--", "a b c"])
    func exactNames(_ backend: Backend, name: String) async throws {
        try await AppHarness.withApp(backend) { client, _ in
            let body = try await client.register(name, "exact@example.com")
            #expect(body["username"] as? String == name)
            let token = try await client.login(name)
            let me = try await client.send(.get, "/users/me", token: token)
            #expect(try me.jsonObject()["username"] as? String == name)
        }
    }

    @Test("duplicates ignoring case are 409 naming the field", arguments: Backend.allCases)
    func duplicates(_ backend: Backend) async throws {
        try await AppHarness.withApp(backend) { client, _ in
            try await client.register("Alice", "alice@example.com")
            let sameName = try await client.send(.post, "/users/register", json: ["username": "ALICE", "email": "other@example.com", "password": "correct horse battery"])
            #expect(sameName.status == .conflict)
            #expect(try sameName.detail().contains("Username"))
            let sameEmail = try await client.send(.post, "/users/register", json: ["username": "bob", "email": "Alice@Example.COM", "password": "correct horse battery"])
            #expect(sameEmail.status == .conflict)
            #expect(try sameEmail.detail().contains("Email"))
        }
    }

    @Test("concurrent registrations of one name: exactly one 201", arguments: Backend.allCases)
    func concurrent(_ backend: Backend) async throws {
        try await AppHarness.withApp(backend) { client, _ in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<10 {
                    group.addTask {
                        try await client.send(.post, "/users/register", json: ["username": "racer", "email": "r\(index)@example.com", "password": "correct horse battery"]).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == 1)
            #expect(statuses.filter { $0 == .conflict }.count == 9, "\(statuses)")
        }
    }

    @Test(
        "invalid fields are 422 with FastAPI's loc/msg/type and change nothing",
        arguments: Backend.allCases, [
            (["email": "a@b.co", "password": "long enough"], ["body.username"]),
            (["username": "ab", "email": "a@b.co", "password": "long enough"], ["body.username"]),
            (["username": String(repeating: "x", count: 65), "email": "a@b.co", "password": "long enough"], ["body.username"]),
            (["username": " padded", "email": "a@b.co", "password": "long enough"], ["body.username"]),
            (["username": "tab\there", "email": "a@b.co", "password": "long enough"], ["body.username"]),
            (["username": "   ", "email": "a@b.co", "password": "long enough"], ["body.username"]),
            (["username": "valid", "email": "no-at-sign", "password": "long enough"], ["body.email"]),
            (["username": "valid", "email": "a@@b.co", "password": "long enough"], ["body.email"]),
            (["username": "valid", "email": "a b@c.io", "password": "long enough"], ["body.email"]),
            (["username": "valid", "email": "a@nodot", "password": "long enough"], ["body.email"]),
            (["username": "valid", "email": "a@b.co", "password": "short"], ["body.password"]),
            (["username": "valid", "email": "a@b.co", "password": String(repeating: "p", count: 1025)], ["body.password"]),
            (["username": "samesame", "email": "a@b.co", "password": "SameSame"], ["body.password"]),
            (["username": 42, "email": true, "password": "long enough"], ["body.username", "body.email"]),
            ([String: any Sendable](), ["body.username", "body.email", "body.password"]),
        ] as [([String: any Sendable], [String])]
    )
    func validation(_ backend: Backend, case: ([String: any Sendable], [String])) async throws {
        let (body, locations) = `case`
        try await AppHarness.withApp(backend) { client, database in
            let response = try await client.send(.post, "/users/register", json: body)
            #expect(response.status == .unprocessableContent)
            #expect(try response.issueLocations() == locations)
            #expect(try await database.find(username: "valid") == nil)
        }
    }

    @Test("passwords count code points: 8 emoji are enough, 1024 is the limit")
    func passwordLength() async throws {
        try await AppHarness.withApp(.sqliteMemory) { client, _ in
            try await client.register("emoji", password: String(repeating: "😀", count: 8))
            try await client.register("longest", password: String(repeating: "p", count: 1024))
        }
    }

    @Test("malformed bodies and media types", arguments: Backend.allCases)
    func formats(_ backend: Backend) async throws {
        try await AppHarness.withApp(backend) { client, _ in
            let broken = try await client.send(.post, "/users/register", raw: "{\"username\": ")
            #expect(broken.status == .unprocessableContent)
            #expect(try broken.jsonObject()["detail"] is [[String: Any]])
            let array = try await client.send(.post, "/users/register", raw: "[1, 2]")
            #expect(array.status == .unprocessableContent)
            let deep = try await client.send(.post, "/users/register", raw: String(repeating: "[", count: 30_000))
            #expect(deep.status == .unprocessableContent)
            let deepObject = try await client.send(.post, "/users/register", raw: "{\"a\":" + String(repeating: "{\"a\":", count: 10_000))
            #expect(deepObject.status == .unprocessableContent)
            let empty = try await client.send(.post, "/users/register", raw: "")
            #expect(empty.status == .unprocessableContent)
            let xml = try await client.send(.post, "/users/register", raw: "<user/>", headers: [.contentType: "application/xml"])
            #expect(xml.status == .unsupportedMediaType)
            #expect(try xml.detail().contains("application/json"))
            let form = try await client.send(.post, "/users/register", raw: "username=a", headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(form.status == .unsupportedMediaType)
            let huge = try await client.send(.post, "/users/register", raw: "{\"username\": \"\(String(repeating: "x", count: 70_000))\"}")
            #expect(huge.status == .contentTooLarge)
            #expect(try huge.detail().contains("64 KiB"))
            // No Content-Type at all is read as JSON, as FastAPI does.
            let bare = try await client.execute(
                uri: "/users/register", method: .post,
                body: .init(string: #"{"username": "bare", "email": "bare@example.com", "password": "correct horse battery"}"#))
            #expect(bare.status == .created)
        }
    }

    @Test("a taken username or email is refused before any password is hashed", arguments: Backend.allCases)
    func duplicateCostsNoHash(_ backend: Backend) async throws {
        try await AppHarness.withApp(backend) { client, _ in
            try await client.register("wade")
            let hashes = { () async throws -> String? in
                let text = String(buffer: try await client.send(.get, "/metrics").body)
                return text.split(separator: "\n").first { $0.hasPrefix("password_hash_duration_seconds_count") }.map(String.init)
            }
            let before = try await hashes()
            #expect(before != nil)
            for body in [["username": "WADE", "email": "other@example.com"], ["username": "other", "email": "Wade@Example.com"]] {
                let response = try await client.send(.post, "/users/register", json: body.merging(["password": "correct horse battery"]) { $1 })
                #expect(response.status == .conflict)
            }
            #expect(try await hashes() == before)
        }
    }
}
