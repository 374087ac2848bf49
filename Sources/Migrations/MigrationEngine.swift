import Foundation
import Storage

/// Plans, applies and reverts versioned SQL over one schema session. Synchronous: it runs
/// inside `withSchemaSession`, on the database's own threads; `Migrations` is its async face.
struct MigrationEngine: Sendable {
    /// The migrations for the session's dialect, ordered by version.
    let migrations: [Migration]
    /// How long to wait for another migrator holding the lock.
    var lockTimeout: Duration = .seconds(60)
    /// Apply pending versions older than the newest applied one instead of refusing.
    var allowOutOfOrder = false

    /// Every version known to the files or the history, with its state.
    func status(_ session: SchemaSession) throws -> [MigrationState] {
        let applied = Dictionary(uniqueKeysWithValues: try session.appliedMigrations().map { ($0.version, $0) })
        let files = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        return Set(applied.keys).union(files.keys).sorted().map { version in
            let file = files[version], row = applied[version]
            return MigrationState(
                version: version, name: file?.name ?? row?.name ?? "", applied: row, hasFile: file != nil,
                changed: file != nil && row != nil && file?.checksum != row?.checksum)
        }
    }

    /// Applies pending migrations up to `target`, each in its own transaction with its history row.
    func up(_ session: SchemaSession, to target: MigrationTarget, report: (MigrationEvent) -> Void) throws -> [MigrationEvent] {
        try session.withMigrationLock(timeout: lockTimeout) {
            var events: [MigrationEvent] = []
            if let legacy = try session.legacyUsersTable() {
                events.append(try adopt(legacy, session))
                report(events[0])
            }
            try session.createHistory()
            return events + (try plannedUp(session, target).compactMap { migration in
                try apply(migration, session).map { event in report(event); return event }
            })
        }
    }

    /// Reverts applied migrations, newest first, down to `target`.
    func down(_ session: SchemaSession, to target: MigrationTarget, report: (MigrationEvent) -> Void) throws -> [MigrationEvent] {
        try session.withMigrationLock(timeout: lockTimeout) {
            let reverted = try plannedDown(session, target).compactMap { migration in
                try revert(migration, session).map { event in report(event); return event }
            }
            guard let kept = try keptBaseline(session, target, reverted: reverted.count) else { return reverted }
            report(kept)
            return reverted + [kept]
        }
    }

    /// What `up` to `target` would apply, in order.
    func plannedUp(_ session: SchemaSession, _ target: MigrationTarget) throws -> [Migration] {
        let applied = Set(try session.appliedMigrations().map(\.version))
        if let missing = applied.subtracting(migrations.map(\.version)).min() {
            throw MigrationError("version \(missing) is applied but its files are missing; restore them before migrating")
        }
        let pending = migrations.filter { !applied.contains($0.version) }
        if !allowOutOfOrder, let newest = applied.max(), let early = pending.first(where: { $0.version < newest }) {
            throw MigrationError("version \(early.version) (\(early.name)) is pending but older than applied version \(newest); pass --allow-out-of-order to apply it")
        }
        switch target {
        case .all: return pending
        case .count(let count): return Array(pending.prefix(max(0, count)))
        case .version(let version): return pending.filter { $0.version <= version }
        }
    }

    /// What `down` to `target` would revert, newest first; never an adopted baseline.
    func plannedDown(_ session: SchemaSession, _ target: MigrationTarget) throws -> [Migration] {
        let baseline = try session.baselineVersion() ?? 0
        let applied = try session.appliedMigrations().map(\.version).filter { $0 > baseline }.sorted(by: >)
        let chosen: [Int] = switch target {
        case .all: applied
        case .count(let count): Array(applied.prefix(max(0, count)))
        case .version(let version): applied.filter { $0 > version }
        }
        return try chosen.map { version in
            guard let migration = migrations.first(where: { $0.version == version }) else {
                throw MigrationError("cannot revert version \(version): its .down.sql file is missing")
            }
            return migration
        }
    }

    /// Applies one migration unless a concurrent migrator got there first.
    private func apply(_ migration: Migration, _ session: SchemaSession) throws -> MigrationEvent? {
        try session.inTransaction {
            guard try !session.isApplied(migration.version) else { return nil }
            let duration = try timed(migration.upPath) { try session.execute(migration.up) }
            try session.recordApplied(
                version: migration.version, name: migration.name, checksum: migration.checksum, milliseconds: duration.milliseconds)
            return MigrationEvent(direction: .up, version: migration.version, name: migration.name, duration: duration)
        }
    }

    private func revert(_ migration: Migration, _ session: SchemaSession) throws -> MigrationEvent? {
        try session.inTransaction {
            guard try session.isApplied(migration.version) else { return nil }
            let duration = try timed(migration.downPath) { try session.execute(migration.down) }
            try session.removeApplied(migration.version)
            return MigrationEvent(direction: .down, version: migration.version, name: migration.name, duration: duration)
        }
    }

    private func timed(_ path: String, _ body: () throws -> Void) throws -> Duration {
        do {
            return try ContinuousClock().measure(body)
        } catch {
            throw MigrationError.failed(path, error)
        }
    }

    /// The event saying `down` stopped at the adopted baseline, when `target` reached below it.
    private func keptBaseline(_ session: SchemaSession, _ target: MigrationTarget, reverted: Int) throws -> MigrationEvent? {
        guard let baseline = try session.baselineVersion(), try session.isApplied(baseline) else { return nil }
        let reachesBelow: Bool = switch target {
        case .all: true
        case .version(let version): version < baseline
        case .count(let count): count > reverted
        }
        guard reachesBelow, let migration = migrations.first(where: { $0.version == baseline }) else { return nil }
        return MigrationEvent(direction: .keep, version: baseline, name: migration.name, duration: .zero)
    }
}
