import Synchronization

/// Runs single-statement reads through a pool, gathering the reads that arrive while a batch
/// is running into the next batch: on PostgreSQL one pipeline, so one write, one wake-up of
/// the server process and one answer for the lot. An idle pool runs a read at once, as a
/// batch of one. Connections that do not pipeline (SQLite) get each read on its own.
final class ReadBatcher<Connection: SQLConnection & PooledConnection>: Sendable {
    /// A queued read and whom to answer.
    struct Read: Sendable {
        let statement: SQLStatement
        let answer: @Sendable (Result<[SQLRow], any Error>) -> Void
    }

    private struct State {
        var pending: [Read] = []
        /// Batch jobs queued in or running on the pool; at most one per connection.
        var batches = 0
    }

    /// The most reads one batch takes, so that one answer never grows without bound.
    let maxBatch: Int
    private let pool: ConnectionPool<Connection>
    private let state = Mutex(State())

    init(pool: ConnectionPool<Connection>, maxBatch: Int = 32) {
        self.pool = pool
        self.maxBatch = max(1, maxBatch)
    }

    /// Runs `sql` with `binds` on a pooled connection, maybe together with other reads.
    /// Only idempotent reads belong here: a batch whose connection died is run again once.
    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        // In-process, a batch saves nothing, and its first reads would wait for its last.
        guard Connection.pipelinesReads else { return try await pool.withConnection(retry: true) { try $0.query(sql, binds) } }
        return try await withCheckedThrowingContinuation { continuation in
            submit(Read(statement: SQLStatement(sql: sql, binds: binds)) { continuation.resume(with: $0) })
        }
    }

    /// Queues `read`, starting a batch job when none runs or a whole batch is waiting.
    func submit(_ read: Read) {
        let start = state.withLock { state in
            state.pending.append(read)
            return claimBatch(&state)
        }
        if start { startBatch() }
    }

    private func startBatch() {
        let batch = Batch()
        pool.enqueue(retry: true, { connection in try self.run(batch, on: connection) }) { outcome in
            self.finish(batch, outcome)
        }
    }

    /// Takes the reads queued right now (on a retry, the same ones again) and runs them.
    /// Throws only when the connection died under them, so that the pool retries once.
    private func run(_ batch: Batch, on connection: Connection) throws -> [Result<[SQLRow], any Error>] {
        if batch.reads == nil { batch.reads = take() }
        let reads = batch.reads ?? []
        guard !reads.isEmpty else { return [] }
        let outcomes = connection.queryBatch(reads.map(\.statement))
        if !connection.isReusable(), case .failure(let error)? = outcomes.first(where: \.isFailure) { throw error }
        return outcomes
    }

    /// Answers the batch's reads, then starts the next batch if reads are waiting.
    private func finish(_ batch: Batch, _ outcome: Result<[Result<[SQLRow], any Error>], any Error>) {
        // A batch the pool failed before it ran (deadline, shutdown) fails the waiting reads.
        let reads = batch.reads ?? (outcome.isFailure ? take(all: true) : [])
        switch outcome {
        case .success(let outcomes): zip(reads, outcomes).forEach { $0.answer($1) }
        case .failure(let error): reads.forEach { $0.answer(.failure(error)) }
        }
        let next = state.withLock { state in
            state.batches -= 1
            return claimBatch(&state)
        }
        if next { startBatch() }
    }

    /// Whether to start another batch job, counting it if so. Reads wait for the running
    /// batch rather than start one of their own: the fewer batches, the larger each, and a
    /// batch costs the server about as much as a single read. A second batch runs beside the
    /// first only once a whole batch is waiting, up to one per connection.
    private func claimBatch(_ state: inout State) -> Bool {
        guard !state.pending.isEmpty, state.batches < pool.capacity,
            state.batches == 0 || state.pending.count >= maxBatch
        else { return false }
        state.batches += 1
        return true
    }

    private func take(all: Bool = false) -> [Read] {
        state.withLock { state in
            let count = all ? state.pending.count : min(maxBatch, state.pending.count)
            defer { state.pending.removeFirst(count) }
            return Array(state.pending.prefix(count))
        }
    }

    /// The reads one batch job took, kept for a retry on a fresh connection.
    // Safe to send unchecked: `reads` is written once, by the pool thread that runs the job (or
    // by the one path that fails the job before it runs), and read afterwards on that same path.
    private final class Batch: @unchecked Sendable {
        var reads: [Read]?
    }
}

extension Result {
    fileprivate var isFailure: Bool {
        if case .failure = self { return true }
        return false
    }
}
