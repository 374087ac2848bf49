/// A row of the `schema_migrations` history table.
public struct AppliedMigration: Sendable, Equatable {
    /// The applied version.
    public let version: Int
    /// The name it had when applied.
    public let name: String
    /// The up file's checksum when applied.
    public let checksum: String
    /// When it was applied (ISO-8601 UTC).
    public let appliedAt: String
    /// How long applying it took.
    public let executionMilliseconds: Int64
}

extension AppliedMigration: SQLRowDecodable {
    init(row: SQLRow) throws {
        guard let version = row.integer("version"), let name = row.text("name"), let checksum = row.text("checksum"),
            let appliedAt = row.text("applied_at"), let milliseconds = row.integer("execution_ms")
        else { throw StorageError.internal("unexpected schema_migrations row") }
        self.init(version: Int(version), name: name, checksum: checksum, appliedAt: appliedAt, executionMilliseconds: milliseconds)
    }
}
