import Foundation
import Storage
import Testing
import TestSupport

/// The migration engine against real databases, with the repository's files and with
/// files a test writes.
@Suite("Migration engine")
struct MigrationEngineTests {
    private static func repositoryEngine(_ dialect: SQLDialect) throws -> MigrationEngine {
        MigrationEngine(migrations: try MigrationSource(directory: TestDatabase.migrationsDirectory).load(dialect))
    }

    @Test("up, redo and down --all round-trip to an empty schema", arguments: Backend.allCases)
    func roundTrip(_ backend: Backend) async throws {
        let engine = try Self.repositoryEngine(backend.dialect)
        try await withDatabase(backend, migrated: false) { database async throws in
            try await database.withSession { connection throws in
                #expect(try connection.tableNames() == [])
                let applied = try engine.up(connection)
                #expect(applied.map(\.version) == engine.migrations.map(\.version))
                #expect(try connection.tableNames().contains("users"))
                #expect(try engine.isCurrent(connection))
                #expect(try engine.up(connection).isEmpty)
                let redone = try engine.redo(connection)
                #expect(redone.map(\.direction) == [.down, .up])
                #expect(try engine.isCurrent(connection))
                let reverted = try engine.down(connection, to: .all)
                #expect(reverted.map(\.version) == engine.migrations.map(\.version).reversed())
                #expect(try connection.tableNames() == ["schema_migrations"])
                #expect(try engine.status(connection).allSatisfy(\.isPending))
            }
            // The schema works again after a full cycle.
            try await database.withSession { _ = try engine.up($0) }
            _ = try await database.create(NewUser(username: "after", email: "after@example.com", passwordHash: "h"))
        }
    }

    @Test("a failing migration leaves nothing of itself behind", arguments: Backend.allCases)
    func failureIsAtomic(_ backend: Backend) async throws {
        let fixture = try MigrationFixture()
        defer { fixture.remove() }
        try fixture.writeAll(1, "first", up: "CREATE TABLE first_table (id INTEGER);", down: "DROP TABLE first_table;")
        try fixture.writeAll(2, "broken", up: "CREATE TABLE half_done (id INTEGER);\nINSERT INTO first_table VALUES (1);\nCREATE TABLE oops (;", down: "DROP TABLE half_done;")
        let engine = try fixture.engine(backend.dialect)
        try await withDatabase(backend, migrated: false) { database async throws in
            try await database.withSession { connection throws in
                let error = #expect(throws: MigrationError.self) { try engine.up(connection) }
                #expect(error?.message.contains("0002_broken.up.sql") == true)
                #expect(try connection.tableNames() == ["first_table", "schema_migrations"])
                #expect(try connection.query("SELECT count(*) FROM first_table", []) == [["0"]])
                let states = try engine.status(connection)
                #expect(states.map(\.isPending) == [false, true])
            }
        }
    }

    @Test("two migrators at once apply each migration exactly once", arguments: Backend.persistent)
    func concurrentUp(_ backend: Backend) async throws {
        let fixture = try MigrationFixture()
        defer { fixture.remove() }
        for version in 1...5 {
            // pg_sleep/randomblob slow each step down so the two runs really overlap.
            let slow = backend == .postgres ? "SELECT pg_sleep(0.05);" : ""
            try fixture.write(backend.dialect, version, "step\(version)", up: "\(slow)CREATE TABLE t\(version) (id INTEGER);", down: "DROP TABLE t\(version);")
        }
        let engine = try fixture.engine(backend.dialect)
        let target = try await TestDatabase.make(backend)
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    try await target.withOpen(migrated: false, poolSize: 1) { database in
                        try await database.withSession { try engine.up($0).count }
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(counts.reduce(0, +) == 5)
        try await target.withOpen(migrated: false) { database in
            let rows = try await database.withSession { try $0.query("SELECT version FROM schema_migrations ORDER BY version", []) }
            #expect(rows == (1...5).map { [String($0)] })
        }
        try await target.destroy()
    }

    @Test("status shows an applied file that changed afterwards", arguments: Backend.allCases)
    func changedFile(_ backend: Backend) async throws {
        let fixture = try MigrationFixture()
        defer { fixture.remove() }
        try fixture.writeAll(1, "first", up: "CREATE TABLE a (id INTEGER);\n", down: "DROP TABLE a;")
        try await withDatabase(backend, migrated: false) { database async throws in
            try await database.withSession { _ = try fixture.engine(backend.dialect).up($0) }
            // The same file with CRLF line endings is not a change...
            try fixture.writeAll(1, "first", up: "CREATE TABLE a (id INTEGER);\r\n", down: "DROP TABLE a;")
            let same = try await database.withSession { try fixture.engine(backend.dialect).status($0) }
            #expect(same.map(\.changed) == [false])
            // ...but an edit is.
            try fixture.writeAll(1, "first", up: "CREATE TABLE a (id INTEGER, b TEXT);\n", down: "DROP TABLE a;")
            let changed = try await database.withSession { try fixture.engine(backend.dialect).status($0) }
            #expect(changed.map(\.changed) == [true])
            #expect(try await database.withSession { try fixture.engine(backend.dialect).isCurrent($0) })
        }
    }

    @Test("out-of-order and missing versions stop up", arguments: Backend.allCases)
    func orderingChecks(_ backend: Backend) async throws {
        let fixture = try MigrationFixture()
        defer { fixture.remove() }
        try fixture.writeAll(1, "one", up: "CREATE TABLE one (id INTEGER);", down: "DROP TABLE one;")
        try fixture.writeAll(3, "three", up: "CREATE TABLE three (id INTEGER);", down: "DROP TABLE three;")
        try await withDatabase(backend, migrated: false) { database async throws in
            try await database.withSession { connection throws in
                try fixture.engine(backend.dialect).up(connection)
                try fixture.writeAll(2, "two", up: "CREATE TABLE two (id INTEGER);", down: "DROP TABLE two;")
                let error = #expect(throws: MigrationError.self) { try fixture.engine(backend.dialect).up(connection) }
                #expect(error?.message.contains("--allow-out-of-order") == true)
                var lenient = try fixture.engine(backend.dialect)
                lenient.allowOutOfOrder = true
                #expect(try lenient.up(connection).map(\.version) == [2])

                try FileManager.default.removeItem(atPath: "\(fixture.directory)/\(backend.dialect.rawValue)/0003_three.up.sql")
                try FileManager.default.removeItem(atPath: "\(fixture.directory)/\(backend.dialect.rawValue)/0003_three.down.sql")
                let missing = #expect(throws: MigrationError.self) { try fixture.engine(backend.dialect).up(connection) }
                #expect(missing?.message.contains("version 3 is applied but its files are missing") == true)
                let states = try fixture.engine(backend.dialect).status(connection)
                #expect(states.first { $0.version == 3 }?.hasFile == false)
            }
        }
    }

    @Test("dry runs print the SQL and change nothing", arguments: Backend.allCases)
    func dryRun(_ backend: Backend) async throws {
        let engine = try Self.repositoryEngine(backend.dialect)
        try await withDatabase(backend, migrated: false) { database async throws in
            try await database.withSession { connection throws in
                let planned = try engine.up(connection, dryRun: true)
                #expect(planned.first?.dryRunSQL?.contains("CREATE TABLE users") == true)
                #expect(try connection.tableNames() == [])
                try engine.up(connection)
                let down = try engine.down(connection, to: .all, dryRun: true)
                #expect(down.first?.dryRunSQL?.contains("DROP") == true)
                #expect(try connection.tableNames().contains("users"))
            }
        }
    }

    @Test("up and down honour counts and target versions", arguments: [Backend.sqliteMemory, .postgres])
    func targets(_ backend: Backend) async throws {
        let fixture = try MigrationFixture()
        defer { fixture.remove() }
        for version in 1...4 {
            try fixture.writeAll(version, "v\(version)", up: "CREATE TABLE v\(version) (id INTEGER);", down: "DROP TABLE v\(version);")
        }
        let engine = try fixture.engine(backend.dialect)
        try await withDatabase(backend, migrated: false) { database async throws in
            try await database.withSession { connection throws in
                #expect(try engine.up(connection, to: .count(1)).map(\.version) == [1])
                #expect(try engine.up(connection, to: .version(3)).map(\.version) == [2, 3])
                #expect(try engine.down(connection).map(\.version) == [3])
                #expect(try engine.up(connection).map(\.version) == [3, 4])
                #expect(try engine.down(connection, to: .version(1)).map(\.version) == [4, 3, 2])
                #expect(try engine.down(connection, to: .count(5)).map(\.version) == [1])
            }
        }
    }
}
