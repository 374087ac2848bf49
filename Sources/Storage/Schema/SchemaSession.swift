import Foundation

/// One connection lent to the migration engine, with the dialect's schema operations: the
/// migration history, transactions and the migration lock. Valid only inside the body of
/// `withSchemaSession`, on the storage's own thread.
package final class SchemaSession {
    let connection: any SQLConnection

    init(_ connection: any SQLConnection) { self.connection = connection }

    /// The dialect, whose name picks the `sql/` folder.
    package var dialect: Dialect { connection.dialect }

    /// Runs a migration script.
    package func execute(_ script: String) throws { try connection.execute(script) }

    /// Runs `body` in a transaction that takes the write lock at once; rolls back on error.
    package func inTransaction<T>(_ body: () throws -> T) throws -> T {
        try connection.inTransaction(body)
    }

    /// Runs `body` holding the database-wide migration lock, so two migrators never interleave.
    package func withMigrationLock<T>(timeout: Duration, _ body: () throws -> T) throws -> T {
        var result: T?
        try dialect.withMigrationLock(connection, timeout) { result = try body() }
        guard let result else { throw StorageError.internal("migration lock body did not run") }
        return result
    }

    /// The tables of the current schema, sorted.
    package func tableNames() throws -> [String] {
        try connection.query(dialect.tablesQuery, []).compactMap { $0.text("name") }
    }
}

extension SchemaSession {
    /// How many rows `table` holds; the name must be one of `tableNames()`, since a table
    /// name cannot be a bound parameter.
    package func rowCount(_ table: String) throws -> Int {
        guard try tableNames().contains(table) else { throw StorageError.notFound }
        let rows = try connection.query("SELECT count(*) AS n FROM \"\(table)\"", [])
        return Int(rows.first?.integer("n") ?? 0)
    }
}
