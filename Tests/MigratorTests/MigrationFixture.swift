import Foundation
import Migrations
import Storage

/// A temporary migrations folder whose files a test writes itself.
struct MigrationFixture {
    let directory: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("uas-sql-\(UUID().uuidString)").path
        for dialect in Dialect.all {
            try FileManager.default.createDirectory(atPath: "\(directory)/\(dialect.name)", withIntermediateDirectories: true)
        }
    }

    /// Writes `NNNN_name.up.sql` and `.down.sql` for `dialect`.
    func write(_ dialect: Dialect, _ version: Int, _ name: String, up: String, down: String) throws {
        let stem = "\(directory)/\(dialect.name)/\(String(format: "%04d", version))_\(name)"
        try up.write(toFile: "\(stem).up.sql", atomically: true, encoding: .utf8)
        try down.write(toFile: "\(stem).down.sql", atomically: true, encoding: .utf8)
    }

    /// Writes the same migration for every dialect.
    func writeAll(_ version: Int, _ name: String, up: String, down: String) throws {
        for dialect in Dialect.all { try write(dialect, version, name, up: up, down: down) }
    }

    /// The migrations in this folder for `database`, read from the files as they are now.
    func migrations(_ database: any UserDatabase) throws -> Migrations {
        try Migrations(database: database, directory: directory)
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}
