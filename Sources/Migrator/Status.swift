import ArgumentParser
import Migrations
import Storage

/// `migrator status`: every version and whether it is applied.
struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show every version: applied or pending, when, and whether its file changed.")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Exit with code 2 when anything is pending, changed or missing (for scripts).")
    var exitCode = false

    func run() async throws {
        let (states, legacy) = try await global.withMigrations { migrations in
            (try await migrations.status(), try await migrations.legacyUsersTable())
        }
        if let legacy {
            print("""
                found a database of the Python service: table users with \(legacy.rowCount) row(s), passwords in \(legacy.passwordColumn)
                adopt it, keeping every user, id and password, with: migrator up
                """)
        }
        print("version  state                 applied_at                name")
        for state in states { print(line(for: state)) }
        let attention = states.filter { $0.isPending || $0.changed || !$0.hasFile }
        print("\(states.count - states.filter(\.isPending).count) applied, \(states.filter(\.isPending).count) pending")
        if exitCode && !attention.isEmpty { throw ExitCode(2) }
    }

    private func line(for state: MigrationState) -> String {
        var label = state.isPending ? "pending" : "applied"
        if state.changed { label += ", changed" }
        if !state.hasFile { label += ", no file" }
        let version = String(state.version).leftPadded(to: 4, with: "0")
        return "\(version.padded(to: 9))\(label.padded(to: 22))\((state.applied?.appliedAt ?? "-").padded(to: 26))\(state.name)"
    }
}

extension String {
    func padded(to width: Int) -> String { self + String(repeating: " ", count: max(1, width - count)) }
    func leftPadded(to width: Int, with pad: Character) -> String { String(repeating: pad, count: max(0, width - count)) + self }
}
