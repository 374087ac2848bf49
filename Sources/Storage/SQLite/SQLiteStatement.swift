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

    /// The result's column names, read once per statement.
    private(set) lazy var columns = SQLColumns(
        (0..<sqlite3_column_count(handle)).map { String(cString: sqlite3_column_name(handle, $0)) })

    /// The current row, integers as integers and everything else as text.
    func row() -> SQLRow {
        let values = (0..<sqlite3_column_count(handle)).map { column -> SQLValue in
            switch sqlite3_column_type(handle, column) {
            case SQLITE_NULL: return .null
            case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, column))
            default:
                let count = Int(sqlite3_column_bytes(handle, column))
                let bytes = sqlite3_column_text(handle, column)
                return .text(String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self))
            }
        }
        return SQLRow(columns: columns, values: values)
    }

    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    // SQLITE_TRANSIENT: SQLite copies the bytes before bind returns, so Swift's temporary
    // C string may go away.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
