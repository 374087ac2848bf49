import ArgumentParser
import Migrations
import Settings
import Storage

/// Options every subcommand takes; they win over the environment and `.env`.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: "Database URL (overrides DATABASE_URL and .env).")
    var databaseURL: String?

    @Option(name: .customLong("migrations-dir"), help: "Folder holding sqlite/ and postgres/ migration files (MIGRATIONS_DIR, default ./sql).")
    var migrationsDirectory: String?

    /// The settings with these flags on top.
    var settings: Settings { Settings(flags: ["DATABASE_URL": databaseURL, "MIGRATIONS_DIR": migrationsDirectory]) }

    /// Opens the database and its migrations, runs `body`, and closes it; any error becomes
    /// one line on stderr and exit code 1.
    func withMigrations<T>(_ body: (Migrations) async throws -> T) async throws -> T {
        let directory = settings.migrationsDirectory
        return try await withDatabase { database in try await body(Migrations(database: database, directory: directory)) }
    }

    /// Opens the database, runs `body`, and closes it; any error becomes one line on stderr
    /// and exit code 1.
    func withDatabase<T>(_ body: (any UserDatabase) async throws -> T) async throws -> T {
        do {
            return try await Database.withOpen(try settings.databaseURL(), poolSize: 1, body)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            StartupFailure.report(error, program: "migrator")
            throw ExitCode.failure
        }
    }
}
