import Foundation
import Storage
import Testing
import TestSupport

/// What the command says when a migration itself is at fault.
@Suite("migrator command failures")
struct MigratorFailureTests {
    @Test("a failing migration names its file and the database's error, exit 1", arguments: Backend.persistent)
    func failingMigration(_ backend: Backend) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("uas-bad-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for dialect in ["sqlite", "postgres"] {
            try FileManager.default.createDirectory(atPath: "\(folder)/\(dialect)", withIntermediateDirectories: true)
            try "CREATE TABLE ok_table (id INTEGER);".write(toFile: "\(folder)/\(dialect)/0001_ok.up.sql", atomically: true, encoding: .utf8)
            try "DROP TABLE ok_table;".write(toFile: "\(folder)/\(dialect)/0001_ok.down.sql", atomically: true, encoding: .utf8)
            try "CREATE TABLE broken (;".write(toFile: "\(folder)/\(dialect)/0002_broken.up.sql", atomically: true, encoding: .utf8)
            try "SELECT 1;".write(toFile: "\(folder)/\(dialect)/0002_broken.down.sql", atomically: true, encoding: .utf8)
        }
        try await withTestDatabase(backend) { database in
            let result = try await ProcessResult.run(
                try BuiltProduct.path("migrator"), ["up", "--database-url", database.urlString, "--migrations-dir", folder])
            #expect(result.status == 1)
            #expect(result.stdout.contains("applied 0001_ok"))
            #expect(result.stderr.contains("0002_broken.up.sql failed, nothing from it was applied"), "\(result.stderr)")
            #expect(result.stderr.contains("syntax error"))
            let status = try await ProcessResult.run(
                try BuiltProduct.path("migrator"), ["status", "--exit-code", "--database-url", database.urlString, "--migrations-dir", folder])
            #expect(status.status == 2)
            #expect(status.stdout.contains("1 applied, 1 pending"))
        }
    }

    @Test("migrator wait --timeout inf (or nan, or negative) is a clear usage error, not a crash", arguments: ["inf", "nan", "-1", "1e300"])
    func nonFiniteTimeout(_ value: String) async throws {
        let result = try await ProcessResult.run(try BuiltProduct.path("migrator"), ["wait", "--timeout=\(value)", "--database-url", "sqlite://"])
        #expect(result.status == 64, "\(result.status) \(result.stderr)")
        #expect(result.stderr.contains("--timeout must be a number of seconds"))
    }
}
