import Foundation

/// `UserDatabase` over any SQL backend: the logic is shared, the dialect and
/// connections differ. Reads go to `readers`, writes to the single-purpose `writer`.
final class SQLUserStorage<Connection: SQLConnection & PooledConnection>: UserDatabase, SchemaSessionProvider {
    let dialect: Dialect
    let readers: ConnectionPool<Connection>
    let writer: ConnectionPool<Connection>
    /// Single-statement reads, gathered into batches on `readers` while it is busy.
    let batchedReads: ReadBatcher<Connection>
    let queries: UserQueries
    let sessionQueries: SessionQueries
    let rateLimitQueries: RateLimitQueries
    let accountQueries: AccountQueries
    let outboxQueries: OutboxQueries
    let auditQueries: AuditQueries

    init(dialect: Dialect, readers: ConnectionPool<Connection>, writer: ConnectionPool<Connection>) {
        self.dialect = dialect
        self.readers = readers
        self.writer = writer
        self.batchedReads = ReadBatcher(pool: readers)
        self.queries = UserQueries(dialect)
        self.sessionQueries = SessionQueries(dialect, userColumns: queries.columns)
        self.rateLimitQueries = RateLimitQueries(dialect)
        self.accountQueries = AccountQueries(dialect, userColumns: queries.columns)
        self.outboxQueries = OutboxQueries(dialect)
        self.auditQueries = AuditQueries(dialect)
    }

    func create(_ user: NewUser) async throws -> User {
        try await create(user, with: .none)
    }

    func find(id: Int64) async throws -> User? {
        try await readOne(queries.selectByID, [.integer(id)])
    }

    func find(username: String) async throws -> User? {
        try await readOne(queries.selectByUsernameKey, [.text(username.identityKey)])
    }

    func find(email: String) async throws -> User? {
        try await readOne(queries.selectByEmailKey, [.text(email.identityKey)])
    }

    func update(id: Int64, _ update: UserUpdate) async throws -> User {
        try await self.update(id: id, update, with: .none)
    }

    func delete(id: Int64) async throws -> User {
        guard let deleted = try await writeOne(queries.delete, [.integer(id)]) else { throw StorageError.notFound }
        return deleted
    }

    func ping() async throws {
        let ping = queries.ping
        try await readers.withConnection(retry: true) { _ = try $0.query(ping, []) }
    }

    func tableNames() async throws -> [String] {
        try await withSchemaSession(readOnly: true) { try $0.tableNames() }
    }

    func withSchemaSession<T: Sendable>(readOnly: Bool, _ body: @escaping @Sendable (SchemaSession) throws -> T) async throws -> T {
        try await (readOnly ? readers : writer).withConnection(retry: readOnly) { try body(SchemaSession($0)) }
    }

    var poolStatistics: PoolStatistics {
        readers === writer ? readers.statistics : readers.statistics + writer.statistics
    }

    func close() async {
        await readers.close()
        if readers !== writer { await writer.close() }
    }

    private func readOne(_ sql: String, _ binds: [SQLValue]) async throws -> User? {
        try await batchedReads.query(sql, binds).first?.decode(User.self)
    }

    private func writeOne(_ sql: String, _ binds: [SQLValue]) async throws -> User? {
        try await writer.withConnection { try $0.query(sql, binds).first?.decode(User.self) }
    }
}
