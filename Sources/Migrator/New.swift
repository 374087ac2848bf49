import ArgumentParser
import Migrations
import Settings

/// `migrator new NAME`: creates the next version's files for every backend.
struct New: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create NNNN_NAME.up.sql and .down.sql for every backend.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Letters, digits and underscores, e.g. add_refresh_tokens.")
    var name: String

    func run() async throws {
        do {
            let paths = try MigrationSource(directory: global.settings.migrationsDirectory).create(named: name)
            paths.forEach { print("created \($0)") }
        } catch {
            StartupFailure.report(error, program: "migrator")
            throw ExitCode.failure
        }
    }
}
