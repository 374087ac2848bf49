/// A database that can lend a connection to the migration engine.
protocol SchemaSessionProvider: Sendable {
    /// Runs `body` with a schema session: on the writer, or with `readOnly` on a reader.
    func withSchemaSession<T: Sendable>(readOnly: Bool, _ body: @escaping @Sendable (SchemaSession) throws -> T) async throws -> T
}

extension UserDatabase {
    /// Runs `body` with a schema session off the cooperative pool: on the writer, or with
    /// `readOnly` on a reader, so status checks never queue behind writes.
    package func withSchemaSession<T: Sendable>(
        readOnly: Bool = false, _ body: @escaping @Sendable (SchemaSession) throws -> T
    ) async throws -> T {
        guard let provider = self as? any SchemaSessionProvider else {
            throw StorageError.internal("\(type(of: self)) has no schema sessions")
        }
        return try await provider.withSchemaSession(readOnly: readOnly, body)
    }
}
