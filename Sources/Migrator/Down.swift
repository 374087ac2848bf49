import ArgumentParser
import Migrations

/// `migrator down`: reverts applied migrations, newest first.
struct Down: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Revert applied migrations (one by default).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Revert this many.")
    var count: Int?

    @Option(help: "Revert every version above this one.")
    var to: Int?

    @Flag(help: "Revert every applied migration.")
    var all = false

    @Flag(help: "Print the SQL that would run, change nothing.")
    var dryRun = false

    func validate() throws {
        if [count != nil, to != nil, all].filter({ $0 }).count > 1 {
            throw ValidationError("give one of a count, --to or --all")
        }
        if let count, count < 1 { throw ValidationError("count must be at least 1") }
    }

    func run() async throws {
        let target: MigrationTarget = all ? .all : to.map { .version($0) } ?? .count(count ?? 1)
        let dryRun = self.dryRun
        try await global.withMigrations { migrations in
            if dryRun {
                Console.plan(.down, try await migrations.plan(.down, to: target))
            } else {
                Console.summary(try await migrations.down(to: target, report: Console.report))
            }
        }
    }
}
