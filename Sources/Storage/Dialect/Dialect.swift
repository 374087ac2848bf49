/// Everything that differs between the SQL backends: how parameters and timestamps are
/// written, how a transaction begins, the migration history's DDL and lock, and which
/// constraint a conflict names. Only the `Dialect+*.swift` files know the backends apart.
public struct Dialect: Sendable, Hashable, CustomStringConvertible {
    /// The backend's name, which is also its folder under `sql/`.
    public let name: String
    /// The text of bound parameter `index` (1-based).
    let placeholder: @Sendable (Int) -> String
    /// A bound millisecond count (parameter `index`) as the backend stores a timestamp.
    let timestampParameter: @Sendable (Int) -> String
    /// A stored timestamp column as milliseconds since 1970, named after the column.
    let timestampColumn: @Sendable (String) -> String
    /// Starts a transaction that takes the write lock at once.
    let beginTransaction: String
    /// Lists the tables of the current schema, one `name` column, sorted.
    let tablesQuery: String
    /// Lists the columns of table `$1`/`?1`, `name` and `type`, in order.
    let columnsQuery: String
    /// Starts a read-only transaction that sees one consistent snapshot.
    let beginSnapshot: String
    /// Whether a column type (as `columnsQuery` names it) holds a timestamp.
    let isTimestampType: @Sendable (String) -> Bool
    /// Moves `users.id`'s sequence past the largest id after rows were inserted with their ids
    /// (nil where the backend does that by itself).
    let resetUsersIdentity: String?
    /// The DDL of the `schema_migrations` table.
    let historyDDL: String
    /// `applied_at` as ISO-8601 UTC text, and a bound ISO-8601 text as `applied_at`.
    let appliedAtColumn: String
    let appliedAtParameter: @Sendable (Int) -> String
    /// How long a request's statement may wait or run before the database gives up.
    let statementTimeout: Duration
    /// Appended to the subquery that picks outbox messages to claim, so that concurrent
    /// couriers pass over each other's rows instead of waiting for them ("" where a single
    /// writer already serialises claims).
    let skipLocked: String
    /// Runs `body` holding the database-wide migration lock for up to `timeout`.
    let withMigrationLock: @Sendable (any SQLConnection, Duration, () throws -> Void) throws -> Void

    /// Every backend, for code that must treat each one.
    public static let all: [Dialect] = [.sqlite, .postgres]

    init(
        name: String, placeholder: @escaping @Sendable (Int) -> String,
        timestampParameter: @escaping @Sendable (Int) -> String, timestampColumn: @escaping @Sendable (String) -> String,
        beginTransaction: String, tablesQuery: String, columnsQuery: String, beginSnapshot: String,
        isTimestampType: @escaping @Sendable (String) -> Bool, resetUsersIdentity: String?, historyDDL: String,
        appliedAtColumn: String, appliedAtParameter: @escaping @Sendable (Int) -> String, statementTimeout: Duration, skipLocked: String,
        withMigrationLock: @escaping @Sendable (any SQLConnection, Duration, () throws -> Void) throws -> Void
    ) {
        self.name = name
        self.placeholder = placeholder
        self.timestampParameter = timestampParameter
        self.timestampColumn = timestampColumn
        self.beginTransaction = beginTransaction
        self.tablesQuery = tablesQuery
        self.columnsQuery = columnsQuery
        self.beginSnapshot = beginSnapshot
        self.isTimestampType = isTimestampType
        self.resetUsersIdentity = resetUsersIdentity
        self.historyDDL = historyDDL
        self.appliedAtColumn = appliedAtColumn
        self.appliedAtParameter = appliedAtParameter
        self.statementTimeout = statementTimeout
        self.skipLocked = skipLocked
        self.withMigrationLock = withMigrationLock
    }

    public var description: String { name }

    public static func == (lhs: Dialect, rhs: Dialect) -> Bool { lhs.name == rhs.name }

    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

    /// The field a unique-constraint failure is about, from the constraint's name or the
    /// database's message (both name the `*_key` column or its index); `nil` for any other
    /// table's constraint.
    static func conflictingField(_ text: String) -> StorageError.Field? {
        if text.contains("users_email") || text.contains("users.email") { return .email }
        if text.contains("users_username") || text.contains("users.username") { return .username }
        return nil
    }
}
