import ArgumentParser
import Migrations
import Settings
import Storage

/// `migrator copy --from URL --to URL`: moves the data between databases, e.g. from SQLite
/// to PostgreSQL when a project outgrows SQLite.
struct Copy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy every table the migrations own from one database to another at the same schema version.",
        discussion: "One transaction on the target; ids are kept and sequences moved on. The source is read in one snapshot, so it may keep serving.")

    @Option(help: "The database to copy from.")
    var from: String

    @Option(help: "The database to copy into (already migrated to the same version).")
    var to: String

    @Flag(help: "Delete the target's rows first instead of refusing a target that has users.")
    var replace = false

    @Option(name: .customLong("migrations-dir"), help: "Folder holding sqlite/ and postgres/ (MIGRATIONS_DIR, default ./sql).")
    var migrationsDirectory: String?

    func run() async throws {
        let directory = Settings(flags: ["MIGRATIONS_DIR": migrationsDirectory]).migrationsDirectory
        do {
            let counts = try await Database.withOpen(try DatabaseURL(parsing: from), poolSize: 1) { source in
                try await Database.withOpen(try DatabaseURL(parsing: to), poolSize: 1) { target in
                    try await DatabaseCopy(from: source, to: target, directory: directory).run(replace: replace)
                }
            }
            print("table                source    target")
            for count in counts { print("\(count.table.padded(to: 21))\(String(count.source).padded(to: 10))\(count.target)") }
            print("copied \(counts.count) table(s); every row count matches")
        } catch {
            StartupFailure.report(error, program: "migrator")
            throw ExitCode.failure
        }
    }
}
