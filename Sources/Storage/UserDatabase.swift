/// A connected database: user storage plus a session for the migration engine.
public protocol UserDatabase: UserStorage {
    /// Which dialect the database speaks (which `sql/` folder applies).
    var dialect: SQLDialect { get }
    /// Runs `body` on the writer session, off the cooperative pool.
    func withSession<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T
    /// The connection pools' figures, for metrics.
    var poolStatistics: PoolStatistics { get }
    /// Closes every connection and stops the database's threads.
    func close() async
}
