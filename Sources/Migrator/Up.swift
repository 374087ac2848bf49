import ArgumentParser
import Migrations

/// `migrator up`: applies pending migrations.
struct Up: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending migrations (all by default).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Apply at most this many.")
    var count: Int?

    @Option(help: "Apply pending versions up to and including this one.")
    var to: Int?

    @Flag(help: "Print the SQL that would run, change nothing.")
    var dryRun = false

    @Flag(help: "Apply pending versions older than the newest applied one.")
    var allowOutOfOrder = false

    func validate() throws {
        if count != nil && to != nil { throw ValidationError("give a count or --to, not both") }
        if let count, count < 1 { throw ValidationError("count must be at least 1") }
    }

    func run() async throws {
        let target: MigrationTarget = to.map { .version($0) } ?? count.map { .count($0) } ?? .all
        let (dryRun, outOfOrder) = (self.dryRun, allowOutOfOrder)
        try await global.withMigrations { migrations in
            if dryRun {
                Console.plan(.up, try await migrations.plan(.up, to: target, allowOutOfOrder: outOfOrder))
            } else {
                Console.summary(try await migrations.up(to: target, allowOutOfOrder: outOfOrder, report: Console.report))
            }
        }
    }
}
