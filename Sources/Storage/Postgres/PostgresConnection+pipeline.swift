import CLibPQ
import Glibc

extension PostgresConnection {
    /// Runs independent reads as one pipeline: one write, one wake-up of the server process
    /// and one answer for all of them, instead of a round trip each. A statement the pipeline
    /// did not answer (it failed, or came after one that failed) runs again on its own, so it
    /// gets exactly the outcome and the error `query` gives.
    func queryBatch(_ statements: [SQLStatement]) -> [Result<[SQLRow], any Error>] {
        let answered = statements.count > 1 ? try? pipeline(statements) : nil
        return statements.indices.map { index in
            if let rows = answered?[index] { return .success(rows) }
            return Result { try query(statements[index].sql, statements[index].binds) }
        }
    }

    /// Each statement's rows, in order; `nil` for one that failed or was skipped because an
    /// earlier one failed (the whole pipeline is one implicit transaction).
    private func pipeline(_ statements: [SQLStatement]) throws -> [[SQLRow]?] {
        guard !broken, PQtransactionStatus(handle) == PQTRANS_IDLE else { throw StorageError.internal("connection busy") }
        let names = try statements.map { prepared == nil ? nil : try statementName(for: $0.sql) }
        guard PQenterPipelineMode(handle) == 1 else { throw failure(nil) }
        do {
            let end = deadline.map { ContinuousClock.now + $0 }
            for (statement, name) in zip(statements, names) { try send(statement, name: name) }
            guard PQpipelineSync(handle) == 1 else { throw failure(nil) }
            try flush(until: end)
            let answers = try statements.map { _ in try answer(until: end) }
            try awaitSync(until: end)
            guard PQexitPipelineMode(handle) == 1 else { throw failure(nil) }
            return answers
        } catch {
            // Half way through a pipeline the connection's state is unknown: never reuse it.
            if PQpipelineStatus(handle) != PQ_PIPELINE_OFF { broken = true }
            throw error
        }
    }

    private func send(_ statement: SQLStatement, name: String?) throws {
        let sent = withCParameters(statement.binds) { values in
            if let name { return PQsendQueryPrepared(handle, name, Int32(values.count), values, nil, nil, 0) }
            return PQsendQueryParams(handle, statement.sql, Int32(values.count), nil, values, nil, nil, 0)
        }
        guard sent == 1 else { throw failure(nil) }
    }

    /// The rows of the next statement in the pipeline, or `nil` if it did not succeed.
    private func answer(until end: ContinuousClock.Instant?) throws -> [SQLRow]? {
        var rows: [SQLRow]? = []
        while let result = try nextResult(until: end) {
            defer { PQclear(result) }
            switch PQresultStatus(result) {
            case PGRES_TUPLES_OK: rows = rows.map { $0 + self.rows(of: result) }
            case PGRES_COMMAND_OK: break
            default: rows = nil
            }
        }
        return rows
    }

    private func awaitSync(until end: ContinuousClock.Instant?) throws {
        let result = try nextResult(until: end)
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_PIPELINE_SYNC else {
            throw StorageError.internal("postgres: a pipeline ended without its sync point")
        }
    }
}
