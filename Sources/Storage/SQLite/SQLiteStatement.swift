import CSQLite

/// One prepared sqlite3 statement, reset and reused across calls.
final class SQLiteStatement {
    private let handle: OpaquePointer

    init(_ handle: OpaquePointer) { self.handle = handle }

    deinit { sqlite3_finalize(handle) }

    /// Binds `values` to `?1`, `?2`... in order.
    func bind(_ values: [SQLValue], connection: SQLiteConnection) throws {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let status: Int32
            switch value {
            case .integer(let number): status = sqlite3_bind_int64(handle, index, number)
            case .null: status = sqlite3_bind_null(handle, index)
            case .text(let text):
                status = sqlite3_bind_text(handle, index, text, Int32(text.utf8.count), SQLiteStatement.transient)
            }
            guard status == SQLITE_OK else { throw connection.failure() }
        }
    }

    func step() -> Int32 { sqlite3_step(handle) }

    /// The current row's columns as text (`nil` for SQL NULL).
    func row() -> [String?] {
        (0..<sqlite3_column_count(handle)).map { column in
            sqlite3_column_text(handle, column).map { bytes in
                let count = Int(sqlite3_column_bytes(handle, column))
                return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
            }
        }
    }

    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    // SQLITE_TRANSIENT: SQLite copies the bytes before bind returns, so Swift's temporary
    // C string may go away.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
