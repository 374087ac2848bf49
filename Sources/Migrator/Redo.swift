import ArgumentParser
import Storage

/// `migrator redo`: reverts the newest migration and applies it again.
struct Redo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Revert the newest applied migration and apply it again.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let events = try await global.withEngine { database, engine in
            try await database.withSession { try engine.redo($0, report: Console.report) }
        }
        Console.summary(events, dryRun: false)
    }
}
