import CLibPQ
import Glibc

/// One libpq connection handle.
// Safe to send unchecked: the PGconn and the mutable state beside it (`broken`, `deadline`,
// `prepared`) are only ever used by one thread at a time, because the ConnectionPool lends the
// connection to one borrower at a time.
final class PostgresConnection: SQLConnection, PooledConnection, @unchecked Sendable {
    let handle: OpaquePointer
    /// Set when a statement missed its deadline: the connection is never used again.
    var broken = false
    /// How long a statement may wait for its answer, `nil` inside `withoutDeadline`.
    var deadline: Duration? = PostgresConnection.statementDeadline
    /// Statements prepared on this connection, by their SQL; nil when they are turned off.
    var prepared: PreparedStatements?

    var dialect: Dialect { .postgres }
    static var pipelinesReads: Bool { true }

    /// Connects with a libpq connection string; the call blocks up to `connect_timeout`.
    init(_ url: PostgresURL) throws {
        guard let conn = PQconnectdb(url.conninfo) else {
            throw StorageError.internal("libpq could not allocate a connection")
        }
        guard PQstatus(conn) == CONNECTION_OK else {
            let message = url.redacting(String(cString: PQerrorMessage(conn)))
            PQfinish(conn)
            throw StorageError.unavailable(message.oneLine)
        }
        // Server notices (e.g. "drop cascades to ...") are not errors; libpq would print them to stderr.
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
        // Non-blocking, so that sending never waits past a deadline either.
        PQsetnonblocking(conn, 1)
        handle = conn
        prepared = url.preparesStatements ? PreparedStatements() : nil
        // Bounds how long a request can hold a connection; migrations lift it for their session.
        try execute("SET statement_timeout = \(dialect.statementTimeout.milliseconds)")
    }

    deinit { PQfinish(handle) }

    func isReusable() -> Bool {
        // Reads what the server already sent (a shutdown notice, EOF) without blocking,
        // so a connection to a restarted server is found dead before it is used.
        guard !broken else { return false }
        _ = PQconsumeInput(handle)
        return PQstatus(handle) == CONNECTION_OK && PQtransactionStatus(handle) == PQTRANS_IDLE
    }

    func execute(_ script: String) throws {
        let result = try exchange { PQsendQuery(handle, script) }
        PQclear(result)
    }

    /// Runs `sql` with `binds`. Outside a transaction the statement is prepared once per
    /// connection and executed by name; inside one it is sent whole, so that a statement the
    /// server has lost can never abort a transaction.
    func query(_ sql: String, _ binds: [SQLValue]) throws -> [SQLRow] {
        guard prepared != nil, PQtransactionStatus(handle) == PQTRANS_IDLE else { return try run(sql, binds, name: nil) }
        for _ in 1...2 {
            do {
                return try run(sql, binds, name: try statementName(for: sql))
            } catch is PreparedStatements.Missing {
                // The server no longer has it (DISCARD ALL, or a pooler put this connection on
                // another server connection): a failed statement outside a transaction did
                // nothing, so prepare it again, once.
                prepared?.forgetAll()
            }
        }
        // Lost twice at once: a pooler in transaction mode hands each call to another server
        // connection. This connection sends its statements whole from now on.
        prepared = nil
        return try run(sql, binds, name: nil)
    }

    private func run(_ sql: String, _ binds: [SQLValue], name: String?) throws -> [SQLRow] {
        let result = try withCParameters(binds) { values in
            try exchange {
                if let name { return PQsendQueryPrepared(handle, name, Int32(binds.count), values, nil, nil, 0) }
                return PQsendQueryParams(handle, sql, Int32(binds.count), nil, values, nil, nil, 0)
            }
        }
        defer { PQclear(result) }
        return rows(of: result)
    }

    /// The name `sql` is prepared under on this connection, preparing it the first time.
    func statementName(for sql: String) throws -> String {
        if let name = prepared?.name(for: sql) { return name }
        let name = prepared?.newName() ?? ""
        PQclear(try exchange { PQsendPrepare(handle, name, sql, 0, nil) })
        prepared?.remember(sql, as: name)
        return name
    }

    func rows(of result: OpaquePointer?) -> [SQLRow] {
        let fields = 0..<PQnfields(result)
        let columns = SQLColumns(fields.map { String(cString: PQfname(result, $0)) })
        let types = fields.map { PQftype(result, $0) }
        return (0..<PQntuples(result)).map { row in
            SQLRow(columns: columns, values: fields.map { column in
                if PQgetisnull(result, row, column) != 0 { return .null }
                let count = Int(PQgetlength(result, row, column))
                let text = PQgetvalue(result, row, column).withMemoryRebound(to: UInt8.self, capacity: count) {
                    String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
                }
                return PostgresConnection.value(text, type: types[Int(column)])
            })
        }
    }

    /// Text-format `text` as a typed value: int2/int4/int8 as integers, bool as 1 or 0.
    private static func value(_ text: String, type: Oid) -> SQLValue {
        switch type {
        case 20, 21, 23: Int64(text).map(SQLValue.integer) ?? .text(text)
        case 16: .integer(text == "t" ? 1 : 0)
        default: .text(text)
        }
    }

    func check(_ result: OpaquePointer?) throws {
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY: return
        default:
            // 26000: a prepared statement the server does not have; 0A000 "cached plan must
            // not change result type": one prepared before a migration changed its table.
            let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
            if state == "26000" || (state == "0A000" && String(cString: PQerrorMessage(handle)).contains("cached plan")) {
                throw PreparedStatements.Missing()
            }
            throw failure(result)
        }
    }

    func failure(_ result: OpaquePointer?) -> StorageError {
        let message = String(cString: PQerrorMessage(handle)).oneLine
        guard PQstatus(handle) == CONNECTION_OK else { return .unavailable("postgres: \(message)") }
        let field = { (code: UInt8) in PQresultErrorField(result, Int32(code)).map { String(cString: $0) } }
        return PostgresConnection.error(
            sqlState: field(UInt8(ascii: "C")) ?? "",
            constraint: field(UInt8(ascii: "n")),
            message: message
        )
    }

    /// Hands libpq NUL-terminated copies of the parameters for the duration of `body`.
    func withCParameters<R>(
        _ binds: [SQLValue],
        _ body: ([UnsafePointer<CChar>?]) throws -> R
    ) rethrows -> R {
        let copies: [UnsafeMutablePointer<CChar>?] = binds.map { value in
            switch value {
            case .null: nil
            case .integer(let number): strdup(String(number))
            case .text(let text): strdup(text)
            }
        }
        defer { copies.forEach { free($0) } }
        return try body(copies.map { $0.map { UnsafePointer($0) } })
    }
}
