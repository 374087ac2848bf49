import CSQLite
import Foundation

/// One sqlite3 handle with its prepared-statement cache.
// Safe to send unchecked: the handle (opened SQLITE_OPEN_NOMUTEX) and its statement cache are
// only ever used by one thread at a time, because the ConnectionPool lends the connection to
// one borrower at a time.
final class SQLiteConnection: SQLConnection, PooledConnection, @unchecked Sendable {
    private let handle: OpaquePointer
    private var statements: [String: SQLiteStatement] = [:]

    var dialect: Dialect { .sqlite }

    /// Opens `path` (`:memory:` for a private in-memory database).
    init(path: String, readOnly: Bool, busyTimeout: Duration) throws {
        var db: OpaquePointer?
        let mode = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        let status = sqlite3_open_v2(path, &db, mode | SQLITE_OPEN_NOMUTEX, nil)
        guard let db else { throw StorageError.internal("sqlite3_open_v2 returned no handle") }
        handle = db
        guard status == SQLITE_OK else {
            throw SQLiteConnection.error(status, message: "cannot open \(path): \(String(cString: sqlite3_errmsg(db)))")
        }
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, Int32(busyTimeout.components.seconds * 1000))
    }

    deinit {
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    func isReusable() -> Bool {
        // A borrower that left a transaction open must not hand it to the next one.
        sqlite3_get_autocommit(handle) != 0
    }

    func execute(_ script: String) throws {
        try execute(script, retryingBusyUntil: nil)
    }

    /// Runs `script`, and while SQLite answers SQLITE_BUSY without waiting (as switching a new
    /// database to WAL does when another process opens it at the same moment) waits for the
    /// other connection to let go, then tries again, until `deadline`.
    func execute(_ script: String, retryingBusyUntil deadline: ContinuousClock.Instant?) throws {
        while true {
            var message: UnsafeMutablePointer<CChar>?
            let status = sqlite3_exec(handle, script, nil, nil, &message)
            defer { sqlite3_free(message) }
            if status == SQLITE_OK { return }
            if status & 0xFF == SQLITE_BUSY, let deadline, ContinuousClock.now < deadline {
                waitForOtherConnections()
                continue
            }
            let text = message.map { String(cString: $0) } ?? lastErrorMessage
            throw SQLiteConnection.error(sqlite3_extended_errcode(handle), message: text)
        }
    }

    /// Takes and releases an exclusive lock: SQLite's busy handler waits (up to the busy
    /// timeout) until every other connection has released the file. A wait on the lock, not
    /// on the clock; a failure here only means the caller tries again.
    private func waitForOtherConnections() {
        if sqlite3_exec(handle, "BEGIN EXCLUSIVE", nil, nil, nil) == SQLITE_OK {
            sqlite3_exec(handle, "COMMIT", nil, nil, nil)
        }
    }

    func query(_ sql: String, _ binds: [SQLValue]) throws -> [SQLRow] {
        let statement = try prepared(sql)
        defer { statement.reset() }
        try statement.bind(binds, connection: self)
        var rows: [SQLRow] = []
        while true {
            let status = statement.step()
            if status == SQLITE_DONE { return rows }
            guard status == SQLITE_ROW else { throw failure() }
            rows.append(statement.row())
        }
    }

    /// The error for a failed call, with the handle's current message.
    func failure() -> StorageError {
        SQLiteConnection.error(sqlite3_extended_errcode(handle), message: lastErrorMessage)
    }

    private var lastErrorMessage: String { String(cString: sqlite3_errmsg(handle)) }

    private func prepared(_ sql: String) throws -> SQLiteStatement {
        if let statement = statements[sql] { return statement }
        var raw: OpaquePointer?
        let status = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &raw, nil)
        guard status == SQLITE_OK, let raw else { throw failure() }
        let statement = SQLiteStatement(raw)
        statements[sql] = statement
        return statement
    }
}
