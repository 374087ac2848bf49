import Foundation
import Storage
import Testing
import TestSupport

/// The behaviour every `UserStorage` backend must share.
@Suite("UserStorage contract")
struct UserStorageContractTests {
    @Test("create then find by id, username and email", arguments: Backend.allCases)
    func roundTrip(_ backend: Backend) async throws {
        try await withDatabase(backend) { storage async throws in
            let before = Timestamp.now()
            let created = try await storage.create(NewUser(username: "alice", email: "alice@example.com", passwordHash: "$argon2id$v=19$x"))
            #expect(created.username == "alice")
            #expect(created.email == "alice@example.com")
            #expect(created.passwordHash == "$argon2id$v=19$x")
            #expect(created.createdAt >= before && created.createdAt <= Date())
            #expect(created.createdAt == created.updatedAt)
            #expect(try await storage.find(id: created.id) == created)
            #expect(try await storage.find(username: "alice") == created)
            #expect(try await storage.find(email: "alice@example.com") == created)
        }
    }

    @Test("created_at keeps milliseconds", arguments: Backend.allCases)
    func millisecondPrecision(_ backend: Backend) async throws {
        try await withDatabase(backend) { storage async throws in
            var created: [User] = []
            for index in 0..<5 {
                created.append(try await storage.create(NewUser(username: "ms\(index)", email: "ms\(index)@x.io", passwordHash: "h")))
            }
            for user in created {
                let stored = try #require(try await storage.find(id: user.id))
                #expect(Timestamp.milliseconds(stored.createdAt) == Timestamp.milliseconds(user.createdAt))
            }
            let distinct = Set(created.map { Timestamp.milliseconds($0.createdAt) % 1000 })
            #expect(!distinct.isEmpty)
        }
    }

    @Test("missing users are nil or notFound", arguments: Backend.allCases)
    func notFound(_ backend: Backend) async throws {
        try await withDatabase(backend) { storage async throws in
            #expect(try await storage.find(id: 42) == nil)
            #expect(try await storage.find(username: "nobody") == nil)
            #expect(try await storage.find(email: "nobody@example.com") == nil)
            await #expect(throws: StorageError.notFound) { try await storage.update(id: 42, UserUpdate(email: "x@y.z")) }
            await #expect(throws: StorageError.notFound) { try await storage.delete(id: 42) }
        }
    }

    @Test(
        "usernames are unique ignoring case, width and folding",
        arguments: Backend.allCases,
        [("Alice", "alice"), ("Zoë", "ZOË"), ("straße", "STRASSE"), ("ｚｏë", "Zoë"), ("Zoe\u{308}", "zoë")]
    )
    func caseInsensitiveUsernames(_ backend: Backend, names: (String, String)) async throws {
        try await withDatabase(backend) { storage async throws in
            let first = try await storage.create(NewUser(username: names.0, email: "one@example.com", passwordHash: "h"))
            await #expect(throws: StorageError.conflict(.username)) {
                try await storage.create(NewUser(username: names.1, email: "two@example.com", passwordHash: "h"))
            }
            #expect(try await storage.find(username: names.1) == first)
        }
    }

    @Test("emails are unique ignoring case", arguments: Backend.allCases)
    func caseInsensitiveEmails(_ backend: Backend) async throws {
        try await withDatabase(backend) { storage async throws in
            let first = try await storage.create(NewUser(username: "one", email: "Mixed.Case@Example.COM", passwordHash: "h"))
            await #expect(throws: StorageError.conflict(.email)) {
                try await storage.create(NewUser(username: "two", email: "mixed.case@example.com", passwordHash: "h"))
            }
            #expect(try await storage.find(email: "MIXED.CASE@EXAMPLE.COM") == first)
            #expect(first.email == "Mixed.Case@Example.COM")
        }
    }

    @Test("20 concurrent registrations of one name: exactly one wins", arguments: Backend.allCases)
    func concurrentDuplicates(_ backend: Backend) async throws {
        try await withDatabase(backend) { storage async throws in
            let outcomes = await withTaskGroup(of: Result<User, StorageError>.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        do {
                            return .success(try await storage.create(NewUser(username: index % 2 == 0 ? "Racer" : "racer", email: "r\(index)@x.io", passwordHash: "h")))
                        } catch let error as StorageError {
                            return .failure(error)
                        } catch {
                            return .failure(.internal("unexpected \(error)"))
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            let winners = outcomes.compactMap { try? $0.get() }
            let losers = outcomes.compactMap { outcome -> StorageError? in
                if case .failure(let error) = outcome { return error }
                return nil
            }
            #expect(winners.count == 1)
            #expect(losers.count == 19)
            #expect(losers.allSatisfy { $0 == .conflict(.username) })
        }
    }

    @Test("partial updates change only what they name", arguments: Backend.allCases)
    func partialUpdates(_ backend: Backend) async throws {
        try await withDatabase(backend) { storage async throws in
            let user = try await storage.create(NewUser(username: "bob", email: "bob@example.com", passwordHash: "old"))
            // updated_at has millisecond precision: let the clock pass the creation stamp.
            while Timestamp.now() <= user.updatedAt { await Task.yield() }
            let emailChanged = try await storage.update(id: user.id, UserUpdate(email: "robert@example.com"))
            #expect(emailChanged.username == "bob")
            #expect(emailChanged.email == "robert@example.com")
            #expect(emailChanged.passwordHash == "old")
            #expect(emailChanged.createdAt == user.createdAt)
            #expect(emailChanged.updatedAt > user.updatedAt)
            let renamed = try await storage.update(id: user.id, UserUpdate(username: "Bobby", passwordHash: "new"))
            #expect(renamed.username == "Bobby" && renamed.passwordHash == "new" && renamed.email == "robert@example.com")
            #expect(try await storage.find(username: "bob") == nil)
            #expect(try await storage.find(username: "BOBBY") == renamed)
            #expect(try await storage.find(email: "bob@example.com") == nil)
            let recased = try await storage.update(id: user.id, UserUpdate(username: "BOBBY"))
            #expect(recased.username == "BOBBY")
            #expect(try await storage.update(id: user.id, UserUpdate()) == recased)
            await #expect(throws: StorageError.notFound) { try await storage.update(id: 9999, UserUpdate()) }
        }
    }

    @Test("only a token-revoking update bumps the token version", arguments: Backend.allCases)
    func tokenVersion(_ backend: Backend) async throws {
        try await withDatabase(backend) { storage async throws in
            let user = try await storage.create(NewUser(username: "tv", email: "tv@example.com", passwordHash: "a"))
            #expect(user.tokenVersion == 0)
            let rehashed = try await storage.update(id: user.id, UserUpdate(passwordHash: "b"))
            #expect(rehashed.tokenVersion == 0 && rehashed.passwordHash == "b")
            let changed = try await storage.update(id: user.id, UserUpdate(passwordHash: "c", revokesTokens: true))
            #expect(changed.tokenVersion == 1)
            #expect(try await storage.find(id: user.id)?.tokenVersion == 1)
        }
    }

    @Test("updates that collide name the field", arguments: Backend.allCases)
    func updateConflicts(_ backend: Backend) async throws {
        try await withDatabase(backend) { storage async throws in
            _ = try await storage.create(NewUser(username: "carol", email: "carol@example.com", passwordHash: "h"))
            let dave = try await storage.create(NewUser(username: "dave", email: "dave@example.com", passwordHash: "h"))
            await #expect(throws: StorageError.conflict(.username)) {
                try await storage.update(id: dave.id, UserUpdate(username: "CAROL"))
            }
            await #expect(throws: StorageError.conflict(.email)) {
                try await storage.update(id: dave.id, UserUpdate(email: "Carol@Example.com"))
            }
            #expect(try await storage.find(id: dave.id) == dave)
        }
    }

    @Test("delete returns the deleted user and removes it", arguments: Backend.allCases)
    func delete(_ backend: Backend) async throws {
        try await withDatabase(backend) { storage async throws in
            let user = try await storage.create(NewUser(username: "erin", email: "erin@example.com", passwordHash: "h"))
            #expect(try await storage.delete(id: user.id) == user)
            #expect(try await storage.find(id: user.id) == nil)
            #expect(try await storage.find(username: "erin") == nil)
            await #expect(throws: StorageError.notFound) { try await storage.delete(id: user.id) }
            let again = try await storage.create(NewUser(username: "erin", email: "erin@example.com", passwordHash: "h"))
            #expect(again.id != user.id)
        }
    }

    @Test(
        "unicode and SQL metacharacters are stored literally",
        arguments: Backend.allCases,
        ["ユーザー_😀", "o'brien; --", "Robert'); DROP TABLE users;--", "100%_\\\"?$1", "Zoë Ünïcödé"]
    )
    func literalStorage(_ backend: Backend, name: String) async throws {
        try await withDatabase(backend) { storage async throws in
            let email = "x'\"; --@example.com"
            let user = try await storage.create(NewUser(username: name, email: email, passwordHash: "$2b$12$'\";--"))
            let found = try #require(try await storage.find(username: name))
            #expect(found.username == name && found.email == email && found.passwordHash == "$2b$12$'\";--")
            #expect(found == user)
            #expect(try await storage.find(username: "%") == nil)
        }
    }

    @Test("ping answers on a live database", arguments: Backend.allCases)
    func ping(_ backend: Backend) async throws {
        try await withDatabase(backend) { storage async throws in try await storage.ping() }
    }
}
