import Foundation
import Migrations
import Storage
import Testing
import TestSupport

/// The files under `sql/` and the `new` command's file creation.
@Suite("Migration files")
struct MigrationSourceTests {
    @Test("every backend has the same versions and names")
    func backendsAgree() throws {
        let source = MigrationSource(directory: TestDatabase.migrationsDirectory)
        let sqlite = try source.load(.sqlite)
        let postgres = try source.load(.postgres)
        #expect(!sqlite.isEmpty)
        #expect(sqlite.map(\.version) == postgres.map(\.version))
        #expect(sqlite.map(\.name) == postgres.map(\.name))
        #expect(sqlite.first?.name == "create_users")
    }

    @Test("new creates the next version for every backend")
    func createNext() throws {
        let fixture = try MigrationFixture()
        defer { fixture.remove() }
        try fixture.writeAll(7, "seven", up: "SELECT 1;", down: "SELECT 1;")
        let created = try MigrationSource(directory: fixture.directory).create(named: "add_tokens")
        #expect(created.map { URL(fileURLWithPath: $0).lastPathComponent }.sorted() == [
            "0008_add_tokens.down.sql", "0008_add_tokens.down.sql", "0008_add_tokens.up.sql", "0008_add_tokens.up.sql",
        ])
        #expect(try MigrationSource(directory: fixture.directory).load(.postgres).map(\.version) == [7, 8])
        #expect(throws: MigrationError.self) { try MigrationSource(directory: fixture.directory).create(named: "bad name") }
    }

    @Test("a version without its down file is refused")
    func unpaired() throws {
        let fixture = try MigrationFixture()
        defer { fixture.remove() }
        try "SELECT 1;".write(toFile: "\(fixture.directory)/sqlite/0001_lonely.up.sql", atomically: true, encoding: .utf8)
        let error = #expect(throws: MigrationError.self) { try MigrationSource(directory: fixture.directory).load(.sqlite) }
        #expect(error?.message.contains("version 1 needs both") == true)
    }

    @Test("a missing folder is a clear error")
    func missingFolder() {
        let error = #expect(throws: MigrationError.self) { try MigrationSource(directory: "/nonexistent/sql").load(.sqlite) }
        #expect(error?.message.contains("--migrations-dir") == true)
    }
}
