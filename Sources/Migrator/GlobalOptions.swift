import ArgumentParser
import Foundation
import Settings
import Storage

/// Options every subcommand takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: "Database URL (overrides DATABASE_URL and .env).")
    var databaseURL: String?

    @Option(name: .customLong("migrations-dir"), help: "Folder holding sqlite/ and postgres/ migration files.")
    var migrationsDirectory = "./sql"

    /// The database URL: the flag, else the environment, else `.env`, else the default.
    func resolvedURL(_ settings: Settings = Settings()) throws -> DatabaseURL {
        try DatabaseURL(parsing: databaseURL ?? settings.string("DATABASE_URL") ?? DatabaseURL.defaultString)
    }

    /// Opens the database and loads its dialect's migrations, runs `body`, and closes it;
    /// any error becomes one line on stderr and exit code 1.
    func withEngine<T>(_ body: (any UserDatabase, MigrationEngine) async throws -> T) async throws -> T {
        try await withDatabase { database in
            let migrations = try MigrationSource(directory: migrationsDirectory).load(database.dialect)
            return try await body(database, MigrationEngine(migrations: migrations))
        }
    }

    /// Opens the database, runs `body`, and closes it; any error becomes one line on stderr
    /// and exit code 1.
    func withDatabase<T>(_ body: (any UserDatabase) async throws -> T) async throws -> T {
        do {
            return try await Database.withOpen(try resolvedURL(), poolSize: 1, body)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Console.error(error)
            throw ExitCode.failure
        }
    }
}
