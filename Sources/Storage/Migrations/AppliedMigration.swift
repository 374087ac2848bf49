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
