@testable import App
import Foundation
import HTTPTypes
import HummingbirdBcrypt
import HummingbirdTesting
import NIOCore
import Storage
import Synchronization
import Testing
import TestSupport

/// The common-password list, context words, `@` in login names, and the re-hash race.
@Suite("Password and login-name rules")
struct PasswordRulesTests {
    @Test("the shipped list has Django's 19,640 passwords")
    func list() throws {
        let common = try CommonPasswords.load()
        #expect(common.count == 19_640)
        #expect(common.contains("PassWord1") && common.contains("ｐａｓｓｗｏｒｄ１"))
        #expect(!common.contains("correct horse battery"))
    }

    @Test("common passwords and the email's local part are refused when a password is set", arguments: Backend.allCases)
    func refusals(_ backend: Backend) async throws {
        try await AppHarness.withApp(backend) { client, _ in
            for (password, email) in [("Password123", "ada@example.com"), ("QWERTYUIOP", "ada@example.com"), ("ada.lovelace", "Ada.Lovelace@example.com")] {
                let response = try await client.send(.post, "/users/register", json: ["username": "ada", "email": email, "password": password])
                #expect(response.status == .unprocessableContent, "\(password)")
                #expect(try response.issueLocations() == ["body.password"])
            }
            #expect(try await client.send(.post, "/users/register", json: ["username": "ada", "email": "ada@example.com", "password": "Password123"]).detail().contains("too common"))
            try await client.register("ada")
            let token = try await client.login("ada")
            let common = try await client.send(.put, "/users/me", json: ["password": "iloveyou"], token: token)
            #expect(common.status == .unprocessableContent)
        }
    }

    @Test("an existing account with a common password still logs in", arguments: Backend.allCases)
    func existingCommonPassword(_ backend: Backend) async throws {
        try await AppHarness.withApp(backend) { client, database in
            let hash = try Argon2.hash("sunshine1", .minimum)
            _ = try await database.create(NewUser(username: "old-timer", email: "old@example.com", passwordHash: hash))
            _ = try await client.login("old-timer", password: "sunshine1")
        }
    }

    @Test("usernames may not contain @, in any width", arguments: Backend.allCases)
    func atSign(_ backend: Backend) async throws {
        try await AppHarness.withApp(backend) { client, _ in
            for name in ["alice@example.com", "bob＠example.com", "carol@"] {
                let response = try await client.send(.post, "/users/register", json: ["username": name, "email": "x\(name.count)@example.com", "password": "correct horse battery"])
                #expect(response.status == .unprocessableContent, "\(name)")
                #expect(try response.issueLocations() == ["body.username"])
            }
            try await client.register("dana")
            let token = try await client.login("dana")
            let renamed = try await client.send(.put, "/users/me", json: ["username": "dana@example.org"], token: token)
            #expect(renamed.status == .unprocessableContent)
        }
    }

    @Test("a login name with @ is an email first, then a legacy username; without @, a username only", arguments: Backend.allCases)
    func lookUpOrder(_ backend: Backend) async throws {
        try await AppHarness.withApp(backend) { client, database in
            let hash = try Argon2.hash("squatter password", .minimum)
            // Made before the rule, straight in the database: a username that is Alice's email.
            _ = try await database.create(NewUser(username: "alice@example.com", email: "squatter@example.com", passwordHash: hash))
            let legacy = try Argon2.hash("legacy password", .minimum)
            _ = try await database.create(NewUser(username: "old@name.org", email: "elsewhere@example.com", passwordHash: legacy))
            try await client.register("alice", "alice@example.com")
            _ = try await client.login("alice@example.com")
            let squatter = try await client.send(.post, "/users/login", json: ["username": "alice@example.com", "password": "squatter password"])
            #expect(squatter.status == .unauthorized)
            _ = try await client.login("old@name.org", password: "legacy password")
            let asEmail = try await client.send(.post, "/users/login", json: ["username": "alice", "password": "correct horse battery"])
            #expect(asEmail.status == .ok)
        }
    }

    @Test("a re-hash on login never writes the old password back over a concurrent change", arguments: Backend.allCases)
    func rehashRace(_ backend: Backend) async throws {
        let changed = try Argon2.hash("the new password", .minimum)
        let bcrypt = Bcrypt.hash("the old password", cost: 4)
        let database = DatabaseBox()
        // The interleaving is forced: the password changes after the login verified the old one
        // and computed its re-hash, and before the re-hash is stored.
        let configure: (inout AppConfiguration) -> Void = { configuration in
            configuration.beforeRehashStored = {
                guard let (storage, id) = database.take() else { return }
                _ = try? await storage.update(id: id, UserUpdate(passwordHash: changed, revokesTokens: true))
            }
        }
        try await AppHarness.withApp(backend, configure: configure) { client, storage in
            let user = try await storage.create(NewUser(username: "race", email: "race@example.com", passwordHash: bcrypt))
            database.put(storage, user.id)
            _ = try await client.login("race", password: "the old password")
            #expect(try await storage.find(id: user.id)?.passwordHash == changed)
            #expect(try await client.send(.post, "/users/login", json: ["username": "race", "password": "the old password"]).status == .unauthorized)
            _ = try await client.login("race", password: "the new password")
        }
    }
}

/// Hands the test's database to the re-hash hook once.
private final class DatabaseBox: Sendable {
    private let slot = Mutex<(any UserDatabase, Int64)?>(nil)
    func put(_ database: any UserDatabase, _ id: Int64) { slot.withLock { $0 = (database, id) } }
    func take() -> (any UserDatabase, Int64)? { slot.withLock { value in defer { value = nil }; return value } }
}
