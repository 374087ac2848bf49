import Foundation
import Storage
import Testing
import TestSupport

/// The `migrator` executable, run as a user would.
@Suite("migrator command")
struct MigratorCommandTests {
    private func migrator(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]) async throws -> ProcessResult {
        try await ProcessResult.run(try BuiltProduct.path("migrator"), arguments, in: directory, environment: environment)
    }

    @Test("up, status, down --all against each backend", arguments: Backend.persistent)
    func lifecycle(_ backend: Backend) async throws {
        try await withTestDatabase(backend) { database in
            let common = ["--database-url", database.urlString, "--migrations-dir", TestDatabase.migrationsDirectory]
            let pending = try await migrator(["status", "--exit-code"] + common)
            #expect(pending.status == 2)
            #expect(pending.stdout.contains("pending"))
            let up = try await migrator(["up"] + common)
            #expect(up.status == 0, "\(up.stderr)")
            #expect(up.stdout.contains("applied 0001_create_users in"))
            let again = try await migrator(["up"] + common)
            #expect(again.stdout.contains("nothing to do"))
            let status = try await migrator(["status", "--exit-code"] + common)
            #expect(status.status == 0)
            #expect(status.stdout.contains("0001     applied"))
            let down = try await migrator(["down", "--all"] + common)
            #expect(down.status == 0)
            #expect(down.stdout.contains("reverted 0001_create_users"))
        }
    }

    @Test("two migrator processes at once apply each migration once, even on a new database", arguments: Backend.persistent)
    func concurrentProcesses(_ backend: Backend) async throws {
        // Several rounds, each on a database that does not exist yet: opening a new SQLite
        // file from two processes at once is where locking went wrong before.
        for _ in 0..<10 {
            try await withTestDatabase(backend) { database in
                let common = ["--database-url", database.urlString, "--migrations-dir", TestDatabase.migrationsDirectory]
                async let first = migrator(["up"] + common)
                async let second = migrator(["up"] + common)
                let results = try await [first, second]
                #expect(results.allSatisfy { $0.status == 0 }, "\(results.map(\.stderr))")
                let applied = results.map { $0.stdout.components(separatedBy: "applied 0001_create_users").count - 1 }
                #expect(applied.reduce(0, +) == 1)
            }
        }
    }

    @Test("DATABASE_URL comes from .env in the working directory, the flag wins")
    func dotEnv() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("uas-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "DATABASE_URL=sqlite:///./from-dotenv.db\n".write(toFile: "\(folder)/.env", atomically: true, encoding: .utf8)
        let dir = ["--migrations-dir", TestDatabase.migrationsDirectory]
        #expect(try await migrator(["up"] + dir, in: folder).status == 0)
        #expect(FileManager.default.fileExists(atPath: "\(folder)/from-dotenv.db"))
        #expect(try await migrator(["up", "--database-url", "sqlite:///flag.db"] + dir, in: folder).status == 0)
        #expect(FileManager.default.fileExists(atPath: "\(folder)/flag.db"))
        #expect(try await migrator(["up"] + dir, in: folder, environment: ["DATABASE_URL": "sqlite:///env.db"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: "\(folder)/env.db"))
    }

    @Test("bad URLs and unreachable servers: one line on stderr, exit 1, no password")
    func errors() async throws {
        let badScheme = try await migrator(["status", "--database-url", "mongodb://x"])
        #expect(badScheme.status == 1)
        #expect(badScheme.stderr.contains("unknown scheme 'mongodb'"))
        let unreachable = try await migrator(["up", "--database-url", "postgresql://app:topsecret@127.0.0.1:1/db"])
        #expect(unreachable.status == 1)
        #expect(unreachable.stderr.contains("database unavailable"))
        #expect(!unreachable.stderr.contains("topsecret"))
        #expect(unreachable.stderr.split(separator: "\n").count == 1)
        let timedOut = try await migrator(["wait", "--timeout", "1", "--database-url", "postgresql://app:topsecret@127.0.0.1:1/db"])
        #expect(timedOut.status == 1)
        #expect(!timedOut.stderr.contains("topsecret"))
    }

    @Test("wait returns once the database answers")
    func waitReady() async throws {
        try await withTestDatabase(.postgres) { database in
            let result = try await migrator(["wait", "--timeout", "10", "--database-url", database.urlString, "--migrations-dir", TestDatabase.migrationsDirectory])
            #expect(result.status == 0)
            #expect(result.stdout.contains("database is ready"))
        }
    }

    @Test("copy prints each table's rows on both sides, and refuses a target that has users")
    func copy() async throws {
        try await withTestDatabase(.sqliteFile) { source in
            try await withTestDatabase(.postgres) { target in
                let dir = ["--migrations-dir", TestDatabase.migrationsDirectory]
                try await source.withOpen { _ = try await $0.create(NewUser(username: "cli", email: "cli@example.com", passwordHash: "h")) }
                #expect(try await migrator(["up", "--database-url", target.urlString] + dir).status == 0)
                let copied = try await migrator(["copy", "--from", source.urlString, "--to", target.urlString] + dir)
                #expect(copied.status == 0, "\(copied.stderr)")
                #expect(copied.stdout.contains("users                1         1"), "\(copied.stdout)")
                #expect(copied.stdout.contains("every row count matches"))
                let again = try await migrator(["copy", "--from", source.urlString, "--to", target.urlString] + dir)
                #expect(again.status == 1 && again.stderr.contains("--replace"))
                #expect(!again.stderr.contains("p@ss"))
                #expect(try await migrator(["copy", "--from", source.urlString, "--to", target.urlString, "--replace"] + dir).status == 0)
            }
        }
    }
}
