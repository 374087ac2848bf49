import Logging
import Storage

/// Keeps the service off a database whose schema does not match `sql/`.
struct SchemaGuard: Sendable {
    let database: any UserDatabase
    let engine: MigrationEngine

    init(database: any UserDatabase, migrationsDirectory: String) throws {
        self.database = database
        self.engine = MigrationEngine(migrations: try MigrationSource(directory: migrationsDirectory).load(database.dialect))
    }

    /// With `migrate`, applies pending migrations; then refuses to go on unless the schema is current.
    func prepare(migrate: Bool, logger: Logger) async throws {
        let engine = self.engine
        if migrate {
            let applied = try await database.withSession { try engine.up($0) }
            for event in applied {
                logger.info("applied migration", metadata: ["version": "\(event.version)", "name": "\(event.name)"])
            }
        }
        let behind = try await database.withSession { try engine.status($0) }.filter { !$0.isSettled }
        guard behind.isEmpty else {
            throw StartupError(
                "database schema is not current (\(behind.count) version(s) pending or unknown): run `migrator up`, or start with --migrate (AUTO_MIGRATE=true)")
        }
    }

    /// For `/ready`: the database answers and nothing is pending.
    func check() async throws {
        try await database.ping()
        let engine = self.engine
        guard try await database.withSession({ try engine.isCurrent($0) }) else {
            throw APIError.unavailable("Database schema is not current")
        }
    }
}
