import Foundation
import Migrations
import Storage
import Testing
import TestSupport

/// The migrations facade against real databases, with the repository's files and with
/// files a test writes.
@Suite("Migration engine")
struct MigrationEngineTests {
    private static func repository(_ database: any UserDatabase) throws -> Migrations {
        try Migrations(database: database, directory: TestDatabase.migrationsDirectory)
    }

    @Test("up, redo and down --all round-trip to an empty schema", arguments: Backend.allCases)
    func roundTrip(_ backend: Backend) async throws {
        try await withDatabase(backend, migrated: false) { database async throws in
            let migrations = try Self.repository(database)
            #expect(try await database.tableNames() == [])
            let applied = try await migrations.up()
            #expect(applied.map(\.version) == migrations.migrations.map(\.version))
            #expect(try await database.tableNames().contains("users"))
            #expect(try await migrations.isCurrent())
            #expect(try await migrations.up().isEmpty)
            let redone = try await migrations.redo()
            #expect(redone.map(\.direction) == [.down, .up])
            #expect(try await migrations.isCurrent())
            let reverted = try await migrations.down(to: .all)
            #expect(reverted.map(\.version) == migrations.migrations.map(\.version).reversed())
            #expect(try await database.tableNames() == ["schema_migrations"])
            #expect(try await migrations.status().allSatisfy(\.isPending))
            // The schema works again after a full cycle.
            try await migrations.up()
            _ = try await database.create(NewUser(username: "after", email: "after@example.com", passwordHash: "h"))
        }
    }

    @Test("a failing migration leaves nothing of itself behind", arguments: Backend.allCases)
    func failureIsAtomic(_ backend: Backend) async throws {
        let fixture = try MigrationFixture()
        defer { fixture.remove() }
        try fixture.writeAll(1, "first", up: "CREATE TABLE first_table (id INTEGER);", down: "DROP TABLE first_table;")
        try fixture.writeAll(2, "broken", up: "CREATE TABLE half_done (id INTEGER);\nINSERT INTO first_table VALUES (1);\nCREATE TABLE oops (;", down: "DROP TABLE half_done;")
        try await withDatabase(backend, migrated: false) { database async throws in
            let migrations = try fixture.migrations(database)
            let error = await #expect(throws: MigrationError.self) { try await migrations.up() }
            #expect(error?.message.contains("0002_broken.up.sql") == true)
            #expect(try await database.tableNames() == ["first_table", "schema_migrations"])
            #expect(try await database.withSchemaSession { try $0.rowCount("first_table") } == 0)
            #expect(try await migrations.status().map(\.isPending) == [false, true])
        }
    }

    @Test("two migrators at once apply each migration exactly once", arguments: Backend.persistent)
    func concurrentUp(_ backend: Backend) async throws {
        let fixture = try MigrationFixture()
        defer { fixture.remove() }
        for version in 1...5 {
            // pg_sleep slows each step down so the two runs overlap more; the assertion holds either way.
            let slow = backend == .postgres ? "SELECT pg_sleep(0.05);" : ""
            try fixture.write(backend.dialect, version, "step\(version)", up: "\(slow)CREATE TABLE t\(version) (id INTEGER);", down: "DROP TABLE t\(version);")
        }
        try await withTestDatabase(backend) { target in
            let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        try await target.withOpen(migrated: false, poolSize: 1) { database in
                            try await fixture.migrations(database).up().count
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(counts.reduce(0, +) == 5)
            try await target.withOpen(migrated: false) { database in
                let applied = try await fixture.migrations(database).status().filter { !$0.isPending }
                #expect(applied.map(\.version) == Array(1...5))
            }
        }
    }

    @Test("status shows an applied file that changed afterwards", arguments: Backend.allCases)
    func changedFile(_ backend: Backend) async throws {
        let fixture = try MigrationFixture()
        defer { fixture.remove() }
        try fixture.writeAll(1, "first", up: "CREATE TABLE a (id INTEGER);\n", down: "DROP TABLE a;")
        try await withDatabase(backend, migrated: false) { database async throws in
            try await fixture.migrations(database).up()
            // The same file with CRLF line endings is not a change...
            try fixture.writeAll(1, "first", up: "CREATE TABLE a (id INTEGER);\r\n", down: "DROP TABLE a;")
            #expect(try await fixture.migrations(database).status().map(\.changed) == [false])
            // ...but an edit is.
            try fixture.writeAll(1, "first", up: "CREATE TABLE a (id INTEGER, b TEXT);\n", down: "DROP TABLE a;")
            #expect(try await fixture.migrations(database).status().map(\.changed) == [true])
            #expect(try await fixture.migrations(database).isCurrent())
        }
    }

    @Test("out-of-order and missing versions stop up", arguments: Backend.allCases)
    func orderingChecks(_ backend: Backend) async throws {
        let fixture = try MigrationFixture()
        defer { fixture.remove() }
        try fixture.writeAll(1, "one", up: "CREATE TABLE one (id INTEGER);", down: "DROP TABLE one;")
        try fixture.writeAll(3, "three", up: "CREATE TABLE three (id INTEGER);", down: "DROP TABLE three;")
        try await withDatabase(backend, migrated: false) { database async throws in
            try await fixture.migrations(database).up()
            try fixture.writeAll(2, "two", up: "CREATE TABLE two (id INTEGER);", down: "DROP TABLE two;")
            let error = await #expect(throws: MigrationError.self) { try await fixture.migrations(database).up() }
            #expect(error?.message.contains("--allow-out-of-order") == true)
            #expect(try await fixture.migrations(database).up(allowOutOfOrder: true).map(\.version) == [2])

            let folder = "\(fixture.directory)/\(backend.dialect.name)"
            try FileManager.default.removeItem(atPath: "\(folder)/0003_three.up.sql")
            try FileManager.default.removeItem(atPath: "\(folder)/0003_three.down.sql")
            let missing = await #expect(throws: MigrationError.self) { try await fixture.migrations(database).up() }
            #expect(missing?.message.contains("version 3 is applied but its files are missing") == true)
            let states = try await fixture.migrations(database).status()
            #expect(states.first { $0.version == 3 }?.hasFile == false)
        }
    }

    @Test("plans show what would run and change nothing", arguments: Backend.allCases)
    func dryRun(_ backend: Backend) async throws {
        try await withDatabase(backend, migrated: false) { database async throws in
            let migrations = try Self.repository(database)
            let planned = try await migrations.plan(.up, to: .all)
            #expect(planned.first?.up.contains("CREATE TABLE users") == true)
            #expect(try await database.tableNames() == [])
            try await migrations.up()
            let down = try await migrations.plan(.down, to: .all)
            #expect(down.map(\.version) == migrations.migrations.map(\.version).reversed())
            #expect(down.first?.down.isEmpty == false)
            #expect(try await database.tableNames().contains("users"))
        }
    }

    @Test("up and down honour counts and target versions", arguments: [Backend.sqliteMemory, .postgres])
    func targets(_ backend: Backend) async throws {
        let fixture = try MigrationFixture()
        defer { fixture.remove() }
        for version in 1...4 {
            try fixture.writeAll(version, "v\(version)", up: "CREATE TABLE v\(version) (id INTEGER);", down: "DROP TABLE v\(version);")
        }
        try await withDatabase(backend, migrated: false) { database async throws in
            let migrations = try fixture.migrations(database)
            #expect(try await migrations.up(to: .count(1)).map(\.version) == [1])
            #expect(try await migrations.up(to: .version(3)).map(\.version) == [2, 3])
            #expect(try await migrations.down().map(\.version) == [3])
            #expect(try await migrations.up().map(\.version) == [3, 4])
            #expect(try await migrations.down(to: .version(1)).map(\.version) == [4, 3, 2])
            #expect(try await migrations.down(to: .count(5)).map(\.version) == [1])
        }
    }

    @Test("status reads on a reader while the writer is busy", .timeLimit(.minutes(3)), arguments: Backend.persistent)
    func statusOnReader(_ backend: Backend) async throws {
        try await withDatabase(backend, poolSize: 2) { database async throws in
            let migrations = try Self.repository(database)
            // The writer stays taken until status has answered: status must not need it.
            try await Gate.whileHeld(by: { hold in try await database.withSchemaSession { _ in hold() } }) { () async throws in
                #expect(try await migrations.isCurrent())
            }
        }
    }

    @Test("a migrator that cannot get the lock in time gets a clear error", .timeLimit(.minutes(3)))
    func lockTimeout() async throws {
        try await withTestDatabase(.postgres) { target in
            try await target.withOpen(migrated: false, poolSize: 1) { holder in
                try await Self.whileLockHeld(by: holder) {
                    try await target.withOpen(migrated: false, poolSize: 1) { waiter in
                        let migrations = try Migrations(database: waiter, directory: TestDatabase.migrationsDirectory, lockTimeout: .milliseconds(200))
                        let error = await #expect(throws: StorageError.self) { try await migrations.up() }
                        #expect(error?.code == .unavailable)
                        #expect("\(error.map { "\($0)" } ?? "")".contains("no migration lock within"))
                    }
                }
            }
        }
    }

    @Test("the lock is per schema: a migrator in another schema of the same database does not wait", .timeLimit(.minutes(3)))
    func lockPerSchema() async throws {
        try await withTestDatabase(.postgres) { first in
            try await first.withOpen(migrated: false, poolSize: 1) { holder in
                try await Self.whileLockHeld(by: holder) {
                    try await withDatabase(.postgres, migrated: false) { other in
                        let migrations = try Migrations(database: other, directory: TestDatabase.migrationsDirectory, lockTimeout: .milliseconds(200))
                        #expect(try await migrations.up().count == migrations.migrations.count)
                    }
                }
            }
        }
    }

    /// Runs `body` while a migrator session on `database` holds the migration lock, which it
    /// keeps until `body` has returned or thrown.
    private static func whileLockHeld(by database: any UserDatabase, _ body: () async throws -> Void) async throws {
        try await Gate.whileHeld(by: { hold in
            try await database.withSchemaSession { session in try session.withMigrationLock(timeout: .seconds(10)) { hold() } }
        }, body)
    }
}
