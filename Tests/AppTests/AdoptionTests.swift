@testable import App
import Foundation
import HTTPTypes
import HummingbirdTesting
import Migrations
import Storage
import Testing
import TestSupport

/// Taking over the Python service's database: `migrator up` adopts its users table.
@Suite("Adopting the Python service's database")
struct AdoptionTests {
    private static func migrations(_ database: any UserDatabase) throws -> Migrations {
        try Migrations(database: database, directory: TestDatabase.migrationsDirectory)
    }

    @Test("up adopts the table: ids, hashes and created_at kept, old passwords log in, new ids continue", arguments: Backend.persistent)
    func adoption(_ backend: Backend) async throws {
        try await withDatabase(backend, migrated: false) { database in
            try await PythonFixture.create(in: database)
            let migrations = try Self.migrations(database)
            let legacy = try #require(try await migrations.legacyUsersTable())
            #expect(legacy.rowCount == 3 && legacy.passwordColumn == "hashed_password" && legacy.hasCreatedAt)
            let events = try await migrations.up()
            #expect(events.first?.direction == .adopt)
            #expect(events.dropFirst().map(\.version) == Array(migrations.migrations.map(\.version).dropFirst()))
            #expect(try await migrations.isCurrent())
            #expect(try await migrations.legacyUsersTable() == nil)
            let alice = try #require(try await database.find(id: 1))
            #expect(alice.passwordHash.hasPrefix("$2b$12$"))
            #expect(Timestamp.iso8601(alice.createdAt) == "2026-01-02T03:04:05.123Z")
            #expect(try await database.find(username: "ZOË ÜNÏCÖDÉ")?.id == 2)
            #expect(try await database.find(email: "bob@example.com")?.id == 5)
            let app = try await buildApplication(AppHarness.configuration(), database: database)
            try await app.test(.router) { client in
                for row in PythonFixture.rows { _ = try await client.login(row.username, password: row.password) }
                #expect(try await database.find(id: 1)?.passwordHash.hasPrefix("$argon2id$") == true)
                let registered = try await client.register("newcomer")
                #expect(registered["id"] as? Int == 6)
                // A token as the Python service issued it (sub = username) is not accepted.
                let pythonToken = try JWTForge.token(
                    header: ["alg": "HS256", "typ": "JWT"],
                    payload: ["sub": "alice", "exp": Int(Date().timeIntervalSince1970) + 600], hmacKey: AppHarness.secret)
                #expect(try await client.send(.get, "/users/me", token: pythonToken).status == .unauthorized)
            }
        }
    }

    @Test("down --all keeps the adopted users, and up brings the rest back", arguments: Backend.persistent)
    func downKeepsData(_ backend: Backend) async throws {
        try await withDatabase(backend, migrated: false) { database in
            try await PythonFixture.create(in: database)
            let migrations = try Self.migrations(database)
            try await migrations.up()
            let reverted = try await migrations.down(to: .all)
            #expect(reverted.last?.direction == .keep && reverted.last?.version == 1)
            #expect(reverted.filter { $0.direction == .down }.map(\.version) == migrations.migrations.map(\.version).dropFirst().reversed())
            #expect(try await database.tableNames().contains("users"))
            #expect(try await database.withSchemaSession { try $0.rowCount("users") } == 3)
            try await migrations.up()
            #expect(try await database.find(id: 5)?.username == "bob")
        }
    }

    @Test("rows that collide ignoring case stop adoption, and nothing changes", arguments: Backend.persistent)
    func collisions(_ backend: Backend) async throws {
        let rows = PythonFixture.rows + [
            PythonFixture.Row(id: 7, username: "Alice", email: "other@example.com", password: "x", createdAt: "2026-04-05 06:07:08"),
            PythonFixture.Row(id: 8, username: "carl", email: "BOB@example.com", password: "y", createdAt: "2026-04-05 06:07:08"),
        ]
        try await withDatabase(backend, migrated: false) { database in
            try await PythonFixture.create(in: database, rows: rows)
            let migrations = try Self.migrations(database)
            let error = await #expect(throws: MigrationError.self) { try await migrations.up() }
            let message = error?.message ?? ""
            #expect(message.contains("username id 1 'alice', id 7 'Alice'"), "\(message)")
            #expect(message.contains("email id 5 'Bob@Example.com', id 8 'BOB@example.com'"), "\(message)")
            #expect(!message.contains("$2b$"))
            #expect(try await database.tableNames() == ["users"])
            #expect(try await migrations.legacyUsersTable()?.rowCount == 5)
        }
    }

    @Test("variants: password_hash without created_at is adopted; an unknown shape is a clear error")
    func variants() async throws {
        try await withDatabase(.sqliteFile, migrated: false) { database in
            try await PythonFixture.create(in: database, passwordColumn: "password_hash", createdAt: false)
            let before = Timestamp.now()
            try await Self.migrations(database).up()
            #expect(try #require(try await database.find(id: 2)).createdAt >= before)
        }
        try await withDatabase(.postgres, migrated: false) { database in
            try await PythonFixture.create(in: database, extra: "\n\tis_active BOOLEAN,")
            let error = await #expect(throws: StorageError.self) { try await Self.migrations(database).up() }
            #expect("\(error.map { "\($0)" } ?? "")".contains("is_active"))
            #expect("\(error.map { "\($0)" } ?? "")".contains("expected the Python service's id, username, email"))
        }
    }

    @Test("migrator status names the Python service's table and the command that adopts it")
    func statusSaysSo() async throws {
        try await withTestDatabase(.sqliteFile) { target in
            try await target.withOpen(migrated: false) { try await PythonFixture.create(in: $0) }
            let status = try await ProcessResult.run(
                try BuiltProduct.path("migrator"), ["status", "--database-url", target.urlString, "--migrations-dir", TestDatabase.migrationsDirectory])
            #expect(status.status == 0, "\(status.stderr)")
            #expect(status.stdout.contains("found a database of the Python service: table users with 3 row(s), passwords in hashed_password"))
            #expect(status.stdout.contains("migrator up"))
            let up = try await ProcessResult.run(
                try BuiltProduct.path("migrator"), ["up", "--database-url", target.urlString, "--migrations-dir", TestDatabase.migrationsDirectory])
            #expect(up.stdout.contains("adopted the Python service's users table as 0001_create_users (3 users)"), "\(up.stdout)")
        }
    }
}
