/// A connected database: user storage plus what operators and the migrations need.
public protocol UserDatabase: UserStorage, SessionStorage, RateLimitStorage, AccountStorage, OutboxStorage, AuditStorage {
    /// Which dialect the database speaks (which `sql/` folder applies).
    var dialect: Dialect { get }
    /// The tables of the current schema, sorted; read on a reader connection.
    func tableNames() async throws -> [String]
    /// The connection pools' figures, for metrics.
    var poolStatistics: PoolStatistics { get }
    /// Closes every connection and stops the database's threads; safe to call twice.
    func close() async
}
