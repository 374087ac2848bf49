import Logging
import Migrations
import Storage

/// Keeps the service off a database whose schema does not match `sql/`.
struct SchemaGuard: Sendable {
    let migrations: Migrations

    init(database: any UserDatabase, migrationsDirectory: String) throws {
        migrations = try Migrations(database: database, directory: migrationsDirectory)
    }

    /// With `migrate`, applies pending migrations; then refuses to go on unless the schema is current.
    func prepare(migrate: Bool, logger: Logger) async throws {
        if migrate {
            try await migrations.up { event in
                logger.info("applied migration", metadata: ["version": "\(event.version)", "name": "\(event.name)"])
            }
        }
        let behind = try await migrations.status().filter { !$0.isSettled }
        guard behind.isEmpty else {
            throw StartupError(
                "database schema is not current (\(behind.count) version(s) pending or unknown): run `migrator up`, or start with --migrate (AUTO_MIGRATE=true)")
        }
    }

    /// For `/ready`: the database answers and nothing is pending, read on a reader connection.
    func check() async throws {
        guard try await migrations.isCurrent() else {
            throw APIError.unavailable("Database schema is not current")
        }
    }
}
