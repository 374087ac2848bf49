public import Storage

/// The schema migrations of one database: the files in `<directory>/<dialect>/` against its
/// `schema_migrations` history. Every call runs on the database's own threads; reads use a
/// reader connection, changes the writer.
public struct Migrations: Sendable {
    /// The migrations in the files, ordered by version.
    public var migrations: [Migration] { engine.migrations }
    private var engine: MigrationEngine
    /// The database these migrations apply to.
    let database: any UserDatabase

    /// Loads the files for `database`'s dialect from `directory` (`./sql` by default).
    public init(database: any UserDatabase, directory: String = "./sql", lockTimeout: Duration = .seconds(60)) throws(MigrationError) {
        self.database = database
        engine = MigrationEngine(migrations: try MigrationSource(directory: directory).load(database.dialect))
        engine.lockTimeout = lockTimeout
    }

    /// Every version known to the files or the history, with its state.
    public func status() async throws -> [MigrationState] {
        let engine = self.engine
        return try await database.withSchemaSession(readOnly: true) { try engine.status($0) }
    }

    /// The Python service's `users` table, when the database is one of its and has no history
    /// yet: `up` adopts it. Throws when a history-less `users` table has another shape.
    public func legacyUsersTable() async throws -> LegacyUsersTable? {
        try await database.withSchemaSession(readOnly: true) { try $0.legacyUsersTable() }
    }

    /// True when every migration in the files is applied and nothing unknown is.
    public func isCurrent() async throws -> Bool {
        try await status().allSatisfy(\.isSettled)
    }

    /// The migrations `direction` to `target` would run, in order, without running them.
    public func plan(_ direction: MigrationEvent.Direction, to target: MigrationTarget, allowOutOfOrder: Bool = false) async throws -> [Migration] {
        var engine = self.engine
        engine.allowOutOfOrder = allowOutOfOrder
        return try await database.withSchemaSession(readOnly: true) { [engine] session in
            direction == .up ? try engine.plannedUp(session, target) : try engine.plannedDown(session, target)
        }
    }

    /// Applies pending migrations up to `target`, each in one transaction with its history row.
    @discardableResult
    public func up(
        to target: MigrationTarget = .all, allowOutOfOrder: Bool = false,
        report: @escaping @Sendable (MigrationEvent) -> Void = { _ in }
    ) async throws -> [MigrationEvent] {
        var engine = self.engine
        engine.allowOutOfOrder = allowOutOfOrder
        return try await database.withSchemaSession { [engine] in try engine.up($0, to: target, report: report) }
    }

    /// Reverts applied migrations, newest first, down to `target` (one step by default).
    @discardableResult
    public func down(
        to target: MigrationTarget = .count(1), report: @escaping @Sendable (MigrationEvent) -> Void = { _ in }
    ) async throws -> [MigrationEvent] {
        let engine = self.engine
        return try await database.withSchemaSession { try engine.down($0, to: target, report: report) }
    }

    /// Reverts the newest applied migration and applies it again.
    @discardableResult
    public func redo(report: @escaping @Sendable (MigrationEvent) -> Void = { _ in }) async throws -> [MigrationEvent] {
        let reverted = try await down(to: .count(1), report: report)
        guard let version = reverted.first?.version else { return [] }
        return reverted + (try await up(to: .version(version), report: report))
    }
}
