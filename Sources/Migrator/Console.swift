import Foundation
import Migrations
import Storage

/// Where the migrator writes its results: stdout (errors go through `StartupFailure`).
enum Console {
    /// One line per migration applied or reverted.
    static func report(_ event: MigrationEvent) {
        let verb = event.direction == .up ? "applied" : "reverted"
        print("\(verb) \(stem(event.version, event.name)) in \(event.duration.milliseconds) ms")
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
        let total = events.reduce(Duration.zero) { $0 + $1.duration }
        print(events.isEmpty ? "nothing to do" : "done: \(events.count) migration(s) in \(total.milliseconds) ms")
    }

    private static func stem(_ version: Int, _ name: String) -> String {
        "\(String(format: "%04d", version))_\(name)"
    }
}
