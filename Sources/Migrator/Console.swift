import Foundation
import Migrations
import Storage

/// Where the migrator writes its results: stdout (errors go through `StartupFailure`).
enum Console {
    /// One line per migration applied or reverted.
    static func report(_ event: MigrationEvent) {
        switch event.direction {
        case .up, .down:
            let verb = event.direction == .up ? "applied" : "reverted"
            print("\(verb) \(stem(event.version, event.name)) in \(event.duration.milliseconds) ms")
        case .adopt:
            print("adopted the Python service's users table as \(stem(event.version, event.name)) in \(event.duration.milliseconds) ms")
        case .keep:
            print("kept \(stem(event.version, event.name)): it holds the users adopted from the Python service, which down never drops")
        }
    }

    /// A dry run: the SQL each planned migration would run.
    static func plan(_ direction: MigrationEvent.Direction, _ migrations: [Migration]) {
        for migration in migrations {
            let sql = direction == .up ? migration.up : migration.down
            print("-- \(direction.rawValue): \(stem(migration.version, migration.name)) (dry run, not executed)\n\(sql)")
        }
        print("dry run: \(migrations.count) migration(s) would run; nothing was changed")
    }

    /// The closing line of `up`, `down` and `redo`.
    static func summary(_ events: [MigrationEvent]) {
        let done = events.filter { $0.direction != .keep }
        let total = done.reduce(Duration.zero) { $0 + $1.duration }
        print(done.isEmpty ? "nothing to do" : "done: \(done.count) migration(s) in \(total.milliseconds) ms")
    }

    private static func stem(_ version: Int, _ name: String) -> String {
        "\(String(format: "%04d", version))_\(name)"
    }
}
