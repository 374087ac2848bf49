import Foundation

/// Applies and reverts versioned SQL on one connection. Synchronous: call it inside
/// `UserDatabase.withSession`, which runs it on the database's own threads.
public struct MigrationEngine: Sendable {
    /// The migrations for the connection's dialect, ordered by version.
    public let migrations: [Migration]
    /// How long to wait for another migrator holding the lock.
    public var lockTimeout: Duration = .seconds(60)
    /// Apply pending versions older than the newest applied one instead of refusing.
    public var allowOutOfOrder = false

    public init(migrations: [Migration]) { self.migrations = migrations }

    /// Every version known to the files or the history, with its state.
    public func status(_ connection: any SQLConnection) throws -> [MigrationState] {
        let applied = Dictionary(uniqueKeysWithValues: try MigrationHistory(connection: connection).applied().map { ($0.version, $0) })
        let files = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        return Set(applied.keys).union(files.keys).sorted().map { version in
            let file = files[version], row = applied[version]
            return MigrationState(
                version: version, name: file?.name ?? row?.name ?? "", applied: row, hasFile: file != nil,
                changed: file != nil && row != nil && file?.checksum != row?.checksum)
        }
    }

    /// Applies pending migrations up to `target`, each in its own transaction with its history row.
    @discardableResult
    public func up(
        _ connection: any SQLConnection, to target: MigrationTarget = .all, dryRun: Bool = false,
        report: @Sendable (MigrationEvent) -> Void = { _ in }
    ) throws -> [MigrationEvent] {
        let history = MigrationHistory(connection: connection)
        if dryRun { return try plannedUp(history, target).map { dryRunEvent(.up, $0, sql: $0.up) }.reportEach(report) }
        return try connection.withMigrationLock(timeout: lockTimeout) {
            try history.create()
            return try plannedUp(history, target).compactMap { migration in
                try apply(migration, history).map { event in report(event); return event }
            }
        }
    }

    /// Reverts applied migrations, newest first, down to `target` (one step by default).
    @discardableResult
    public func down(
        _ connection: any SQLConnection, to target: MigrationTarget = .count(1), dryRun: Bool = false,
        report: @Sendable (MigrationEvent) -> Void = { _ in }
    ) throws -> [MigrationEvent] {
        let history = MigrationHistory(connection: connection)
        if dryRun { return try plannedDown(history, target).map { dryRunEvent(.down, $0, sql: $0.down) }.reportEach(report) }
        return try connection.withMigrationLock(timeout: lockTimeout) {
            try plannedDown(history, target).compactMap { migration in
                try revert(migration, history).map { event in report(event); return event }
            }
        }
    }

    /// Reverts the newest applied migration and applies it again.
    @discardableResult
    public func redo(_ connection: any SQLConnection, report: @Sendable (MigrationEvent) -> Void = { _ in }) throws -> [MigrationEvent] {
        let reverted = try down(connection, to: .count(1), report: report)
        guard let version = reverted.first?.version else { return [] }
        return reverted + (try up(connection, to: .version(version), report: report))
    }

    /// True when every migration in the files is applied and nothing unknown is.
    public func isCurrent(_ connection: any SQLConnection) throws -> Bool {
        try status(connection).allSatisfy(\.isSettled)
    }

    private func plannedUp(_ history: MigrationHistory, _ target: MigrationTarget) throws -> [Migration] {
        let applied = Set(try history.applied().map(\.version))
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

    private func plannedDown(_ history: MigrationHistory, _ target: MigrationTarget) throws -> [Migration] {
        let applied = try history.applied().map(\.version).sorted(by: >)
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
    private func apply(_ migration: Migration, _ history: MigrationHistory) throws -> MigrationEvent? {
        try history.connection.inTransaction {
            guard try !history.contains(migration.version) else { return nil }
            let duration = try timed(migration.upPath) { try history.connection.execute(migration.up) }
            try history.record(migration, milliseconds: duration.milliseconds)
            return MigrationEvent(direction: .up, version: migration.version, name: migration.name, duration: duration, dryRunSQL: nil)
        }
    }

    private func revert(_ migration: Migration, _ history: MigrationHistory) throws -> MigrationEvent? {
        try history.connection.inTransaction {
            guard try history.contains(migration.version) else { return nil }
            let duration = try timed(migration.downPath) { try history.connection.execute(migration.down) }
            try history.remove(migration.version)
            return MigrationEvent(direction: .down, version: migration.version, name: migration.name, duration: duration, dryRunSQL: nil)
        }
    }

    private func timed(_ path: String, _ body: () throws -> Void) throws -> Duration {
        do {
            return try ContinuousClock().measure(body)
        } catch {
            throw MigrationError.failed(path, error)
        }
    }

    private func dryRunEvent(_ direction: MigrationEvent.Direction, _ migration: Migration, sql: String) -> MigrationEvent {
        MigrationEvent(direction: direction, version: migration.version, name: migration.name, duration: .zero, dryRunSQL: sql)
    }
}
extension Array where Element == MigrationEvent {
    fileprivate func reportEach(_ report: (MigrationEvent) -> Void) -> Self {
        forEach(report)
        return self
    }
}
