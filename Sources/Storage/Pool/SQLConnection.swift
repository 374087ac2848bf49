/// A database session that the user queries and the schema session drive. Internal: only
/// Storage runs SQL; everything else goes through `UserStorage` and `SchemaSession`.
protocol SQLConnection: AnyObject {
    /// Which SQL dialect this connection speaks.
    var dialect: Dialect { get }
    /// Runs one statement with bound parameters and returns its rows.
    func query(_ sql: String, _ binds: [SQLValue]) throws -> [SQLRow]
    /// Whether `queryBatch` saves round trips, so that concurrent reads are worth gathering.
    static var pipelinesReads: Bool { get }
    /// Runs independent read-only statements together; each gets its own outcome.
    func queryBatch(_ statements: [SQLStatement]) -> [Result<[SQLRow], any Error>]
    /// Runs a script of one or more statements without parameters (migration files).
    func execute(_ script: String) throws
    /// Runs `body` with no client-side statement deadline (migrations may run long).
    func withoutDeadline<T>(_ body: () throws -> T) rethrows -> T
}

extension SQLConnection {
    /// Backends without a network between client and data have no client-side deadline.
    func withoutDeadline<T>(_ body: () throws -> T) rethrows -> T { try body() }

    static var pipelinesReads: Bool { false }

    /// One after the other, for a backend with no round trip to save.
    func queryBatch(_ statements: [SQLStatement]) -> [Result<[SQLRow], any Error>] {
        statements.map { statement in Result { try query(statement.sql, statement.binds) } }
    }
}
