import Foundation
import Storage

/// A temporary migrations folder whose files a test writes itself.
struct MigrationFixture {
    let directory: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("uas-sql-\(UUID().uuidString)").path
        for dialect in SQLDialect.allCases {
            try FileManager.default.createDirectory(atPath: "\(directory)/\(dialect.rawValue)", withIntermediateDirectories: true)
        }
    }

    /// Writes `NNNN_name.up.sql` and `.down.sql` for `dialect`.
    func write(_ dialect: SQLDialect, _ version: Int, _ name: String, up: String, down: String) throws {
        let stem = "\(directory)/\(dialect.rawValue)/\(String(format: "%04d", version))_\(name)"
        try up.write(toFile: "\(stem).up.sql", atomically: true, encoding: .utf8)
        try down.write(toFile: "\(stem).down.sql", atomically: true, encoding: .utf8)
    }

    /// Writes the same migration for every dialect.
    func writeAll(_ version: Int, _ name: String, up: String, down: String) throws {
        for dialect in SQLDialect.allCases { try write(dialect, version, name, up: up, down: down) }
    }

    func engine(_ dialect: SQLDialect) throws -> MigrationEngine {
        MigrationEngine(migrations: try MigrationSource(directory: directory).load(dialect))
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}

extension SQLConnection {
    /// The user tables in the current schema, sorted.
    func tableNames() throws -> [String] {
        let sql = dialect == .postgres
            ? "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema() ORDER BY 1"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1"
        return try query(sql, []).compactMap { $0.first ?? nil }
    }
}
