import Foundation

/// The statements one PostgreSQL connection has prepared, by their SQL. Names are unique to
/// the connection and never reused, so that behind a pooler sharing server connections two
/// clients never collide, and a statement prepared again after a loss gets a fresh name.
struct PreparedStatements {
    /// The server does not have a statement this connection prepared (26000), or no longer
    /// accepts it because a migration changed its table (0A000, "cached plan must not change
    /// result type").
    struct Missing: Error {}

    private var names: [String: String] = [:]
    private var count = 0
    private let prefix = "uas_" + UUID().uuidString.prefix(8).lowercased() + "_"

    /// The name `sql` was prepared under, if it was.
    func name(for sql: String) -> String? { names[sql] }

    /// A name not used before on this connection.
    mutating func newName() -> String {
        count += 1
        return prefix + String(count)
    }

    mutating func remember(_ sql: String, as name: String) { names[sql] = name }

    /// Forgets every statement, after the server has lost them.
    mutating func forgetAll() { names.removeAll() }
}
