public import Storage
import Foundation
import Migrations

/// A fresh, isolated database for one test: a temporary SQLite file, an in-memory SQLite
/// database, or a private schema in the test PostgreSQL server (`TEST_POSTGRES_URL`).
public struct TestDatabase: Sendable {
    /// The URL that reaches this test's database (and only it).
    public let url: DatabaseURL
    /// The URL as a string, for the migrator's `--database-url`.
    public let urlString: String
    private let cleanup: @Sendable () async throws -> Void

    /// The repository's `sql/` folder.
    public static let migrationsDirectory = Repository.path("sql")

    /// Creates the database; PostgreSQL tests fail (never skip) without `TEST_POSTGRES_URL`.
    public static func make(_ backend: Backend) async throws -> TestDatabase {
        BackendLog.record(backend)
        switch backend {
        case .sqliteMemory:
            return try TestDatabase(urlString: "sqlite://", cleanup: {})
        case .sqliteFile:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("uas-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return try TestDatabase(urlString: "sqlite:///\(folder.path)/users.db") {
                try? FileManager.default.removeItem(at: folder)
            }
        case .postgres:
            return try await makePostgresSchema()
        }
    }

    private init(urlString: String, cleanup: @escaping @Sendable () async throws -> Void) throws {
        self.urlString = urlString
        self.url = try DatabaseURL(parsing: urlString)
        self.cleanup = cleanup
    }

    /// Opens the database, runs `body`, closes it and removes the database, also on failure.
    public func withOpen<T>(migrated: Bool = true, poolSize: Int? = nil, _ body: (any UserDatabase) async throws -> T) async throws -> T {
        try await Database.withOpen(url, poolSize: poolSize) { database in
            if migrated { try await TestDatabase.migrate(database) }
            return try await body(database)
        }
    }

    /// Runs `body` with a second handle on this database, opened beside `first` (its own
    /// connections and threads), as another replica would have; in-memory SQLite has no
    /// second handle, so there it is `first` again.
    public func withSecondHandle<T>(beside first: any UserDatabase, _ body: (any UserDatabase) async throws -> T) async throws -> T {
        guard url != .sqlite(.memory, poolSize: nil) else { return try await body(first) }
        return try await withOpen(migrated: false, body)
    }

    /// Removes the database.
    public func destroy() async throws { try await cleanup() }

    /// Applies every migration in the repository's `sql/` folder.
    public static func migrate(_ database: any UserDatabase) async throws {
        try await Migrations(database: database, directory: migrationsDirectory).up()
    }

    private static func makePostgresSchema() async throws -> TestDatabase {
        guard let base = ProcessInfo.processInfo.environment["TEST_POSTGRES_URL"], !base.isEmpty else {
            throw TestSetupError("TEST_POSTGRES_URL is not set: run the tests with scripts/test.sh, which starts PostgreSQL")
        }
        let schema = "t_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())"
        try await admin(base) { try $0.execute("CREATE SCHEMA \(schema)") }
        let separator = base.contains("?") ? "&" : "?"
        return try TestDatabase(urlString: "\(base)\(separator)options=-csearch_path%3D\(schema)") {
            try await admin(base) { try $0.execute("DROP SCHEMA \(schema) CASCADE") }
        }
    }

    private static func admin(_ url: String, _ body: @escaping @Sendable (SchemaSession) throws -> Void) async throws {
        try await Database.withOpen(try DatabaseURL(parsing: url), poolSize: 1) { try await $0.withSchemaSession(body) }
    }
}
