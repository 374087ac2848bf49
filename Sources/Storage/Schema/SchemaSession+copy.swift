extension SchemaSession {
    /// The columns of `table`, in order.
    package func columns(_ table: String) throws -> [TableColumn] {
        try connection.query(dialect.columnsQuery, [.text(table)]).map { row in
            let type = row.text("type") ?? ""
            return TableColumn(name: row.text("name") ?? "", type: type, isTimestamp: dialect.isTimestampType(type))
        }
    }

    /// Runs `body` in a read-only transaction that sees one consistent snapshot.
    package func inSnapshot<T>(_ body: () throws -> T) throws -> T {
        try connection.execute(dialect.beginSnapshot)
        defer { try? connection.execute("COMMIT") }
        return try body()
    }

    /// Every row of `table` (a name from `tableNames()`), timestamps in `timestamps` as
    /// milliseconds.
    package func read(_ table: String, columns: [String], timestamps: Set<String>) throws -> TableRows {
        guard try tableNames().contains(table) else { throw StorageError.notFound }
        let list = columns.map { timestamps.contains($0) ? dialect.timestampColumn($0) : $0 }.joined(separator: ", ")
        // Names come from the database's own catalogue, never from input.
        let rows = try connection.query("SELECT \(list) FROM \(table) ORDER BY 1", []).map { row in columns.map { row[$0] } }
        return TableRows(table: table, columns: columns, timestamps: timestamps, rows: rows)
    }

    /// Inserts `rows` as they are (ids included); call it inside `inTransaction`.
    package func write(_ rows: TableRows) throws {
        guard try tableNames().contains(rows.table) else { throw StorageError.notFound }
        let values = rows.columns.enumerated().map { index, column in
            rows.timestamps.contains(column) ? dialect.timestampParameter(index + 1) : dialect.placeholder(index + 1)
        }
        let sql = "INSERT INTO \(rows.table) (\(rows.columns.joined(separator: ", "))) VALUES (\(values.joined(separator: ", ")))"
        for row in rows.rows { _ = try connection.query(sql, row) }
        if rows.table == "users", let reset = dialect.resetUsersIdentity { _ = try connection.query(reset, []) }
    }

    /// Deletes every row of `table` (a name from `tableNames()`).
    package func deleteAll(_ table: String) throws {
        guard try tableNames().contains(table) else { throw StorageError.notFound }
        try connection.execute("DELETE FROM \(table)")
    }
}
