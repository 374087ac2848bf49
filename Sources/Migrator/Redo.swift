import ArgumentParser
import Migrations

/// `migrator redo`: reverts the newest migration and applies it again.
struct Redo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Revert the newest applied migration and apply it again.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let events = try await global.withMigrations { try await $0.redo(report: Console.report) }
        Console.summary(events)
    }
}
