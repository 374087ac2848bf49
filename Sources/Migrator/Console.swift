import Foundation
import Storage

/// Where the migrator writes: results to stdout, errors to stderr.
enum Console {
    static func error(_ error: any Error) {
        let line = "migrator: error: \(error)\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// One line per migration applied or reverted (or, in a dry run, its SQL).
    static func report(_ event: MigrationEvent) {
        let stem = "\(String(format: "%04d", event.version))_\(event.name)"
        if let sql = event.dryRunSQL {
            print("-- \(event.direction.rawValue): \(stem) (dry run, not executed)\n\(sql)")
        } else {
            let verb = event.direction == .up ? "applied" : "reverted"
            print("\(verb) \(stem) in \(event.duration.milliseconds) ms")
        }
    }

    /// The closing line of `up`, `down` and `redo`.
    static func summary(_ events: [MigrationEvent], dryRun: Bool) {
        let total = events.reduce(Duration.zero) { $0 + $1.duration }
        if dryRun {
            print("dry run: \(events.count) migration(s) would run; nothing was changed")
        } else if events.isEmpty {
            print("nothing to do")
        } else {
            print("done: \(events.count) migration(s) in \(total.milliseconds) ms")
        }
    }
}
