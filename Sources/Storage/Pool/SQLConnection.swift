/// A database session that the shared user queries and the migration engine drive.
/// Rows come back as text, one optional string a column, whatever the backend.
public protocol SQLConnection: AnyObject {
    /// Which SQL dialect this connection speaks.
    var dialect: SQLDialect { get }
    /// Runs one statement with bound parameters and returns its rows.
    func query(_ sql: String, _ binds: [SQLValue]) throws -> [[String?]]
    /// Runs a script of one or more statements without parameters (migration files).
    func execute(_ script: String) throws
}

/// The SQL dialects the storage speaks.
public enum SQLDialect: String, Sendable, CaseIterable {
    case sqlite
    case postgres
}
