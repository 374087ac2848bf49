/// A column of a table, as the database describes it.
public struct TableColumn: Sendable, Equatable {
    public let name: String
    /// The declared type (SQLite) or `information_schema` data type (PostgreSQL).
    public let type: String
    /// Whether this backend stores a timestamp in it (as `timestamptz`).
    public let isTimestamp: Bool
}
