import CSQLite

extension SQLiteConnection {
    // Extended result codes are function-like macros that Swift does not import.
    private static let constraintUnique = SQLITE_CONSTRAINT | (8 << 8)
    private static let constraintPrimaryKey = SQLITE_CONSTRAINT | (6 << 8)

    /// Maps an (extended) SQLite result code to a typed storage error.
    static func error(_ code: Int32, message: String) -> StorageError {
        switch code & 0xFF {
        case SQLITE_CONSTRAINT where code == constraintUnique || code == constraintPrimaryKey:
            // "UNIQUE constraint failed: users.email_key" names the column; a duplicate
            // elsewhere (an outbox id) is a bug, not a conflict the caller can act on.
            guard let field = Dialect.conflictingField(message) else { return .internal("sqlite: \(message)") }
            return .conflict(field)
        case SQLITE_BUSY, SQLITE_LOCKED, SQLITE_CANTOPEN, SQLITE_IOERR, SQLITE_FULL, SQLITE_READONLY,
            SQLITE_PROTOCOL, SQLITE_NOTADB:
            return .unavailable("sqlite: \(message)")
        default:
            return .internal("sqlite: \(message)")
        }
    }
}
