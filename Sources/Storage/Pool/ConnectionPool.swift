import NIOCore
import NIOPosix
import Synchronization

/// Lends at most `capacity` connections, each to one borrower at a time, and runs the
/// borrower's blocking C calls on threads the pool owns, never on the cooperative pool.
/// Borrowers queue as jobs: a thread that finishes one job takes the next with the same
/// connection at once, so a busy pool never waits for the cooperative pool to hand over.
final class ConnectionPool<Connection: PooledConnection>: Sendable {
    /// A queued borrower: `run` gets a connection (or `nil`: open one) on a pool thread and
    /// returns what to hand on; `fail` ends it without one. Exactly one of them is called.
    private struct Job: Sendable {
        let submitted: ContinuousClock.Instant
        let run: @Sendable (Connection?) -> Connection?
        let fail: @Sendable (any Error) -> Void
    }

    private enum Grant {
        case start(Connection?)
        /// Queued; `arm` when no deadline timer is running yet.
        case queued(arm: Bool)
        case closed
    }

    private struct State {
        var idle: [Connection] = []
        var open = 0
        var queue: [Job] = []
        /// A timer is set for the deadline of the oldest queued job.
        var timerArmed = false
        var closed = false
        var acquisitions = 0
        var waitSeconds = 0.0
    }

    let capacity: Int
    /// How long a borrower waits for a free connection before `.unavailable`.
    let acquireTimeout: Duration
    private let state = Mutex(State())
    private let threads: NIOThreadPool
    private let connect: @Sendable () throws -> Connection

    /// `connect` runs on the pool's threads and should throw `StorageError`.
    init(capacity: Int, acquireTimeout: Duration = .seconds(10), connect: @escaping @Sendable () throws -> Connection) {
        self.capacity = max(1, capacity)
        self.acquireTimeout = acquireTimeout
        self.connect = connect
        self.threads = NIOThreadPool(numberOfThreads: self.capacity)
        threads.start()
    }

    /// Runs `body` with a connection on one of the pool's threads.
    /// With `retry`, a stale connection found broken mid-call is replaced once; only
    /// idempotent reads may ask for that.
    func withConnection<T: Sendable>(
        retry: Bool = false,
        _ body: @escaping @Sendable (Connection) throws -> T
    ) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            enqueue(retry: retry, body) { continuation.resume(with: $0) }
        }
    }

    /// Runs `body` with a connection on one of the pool's threads and hands its outcome to
    /// `completion`, on that thread (or on whichever fails it: the deadline timer, `close`).
    func enqueue<T>(
        retry: Bool = false,
        _ body: @escaping @Sendable (Connection) throws -> T,
        completion: @escaping @Sendable (Result<T, any Error>) -> Void
    ) {
        submit(
            run: { lease in
                let (result, handOn) = self.run(lease, retry: retry, body)
                completion(result)
                return handOn
            },
            fail: { completion(.failure($0)) })
    }

    /// Closes idle connections and stops the threads; later calls fail with `.unavailable`.
    func close() async {
        let queued = state.withLock { state in
            state.closed = true
            defer { state.queue = [] }
            return state.queue
        }
        for job in queued { job.fail(StorageError.unavailable("storage is shut down")) }
        // Dropping the last references closes the C handles; do it on our own threads.
        _ = try? await threads.runIfActive { self.dropIdle() }
        try? await threads.shutdownGracefully()
    }

    /// What the pool is doing right now, and has done.
    var statistics: PoolStatistics {
        state.withLock { state in
            var statistics = PoolStatistics()
            statistics.idle = state.idle.count
            statistics.inUse = state.open - state.idle.count
            statistics.waiting = state.queue.count
            statistics.acquisitions = state.acquisitions
            statistics.waitSeconds = state.waitSeconds
            return statistics
        }
    }

    /// Starts the job on a free or new connection, or queues it with a deadline.
    private func submit(run: @escaping @Sendable (Connection?) -> Connection?, fail: @escaping @Sendable (any Error) -> Void) {
        let now = ContinuousClock.now
        let job = Job(submitted: now, run: run, fail: fail)
        let grant = state.withLock { state -> Grant in
            if state.closed { return .closed }
            if let connection = state.idle.popLast() { return .start(connection) }
            if state.open < capacity {
                state.open += 1
                return .start(nil)
            }
            state.queue.append(job)
            defer { state.timerArmed = true }
            return .queued(arm: !state.timerArmed)
        }
        switch grant {
        case .start(let connection): start(job, on: connection)
        case .closed: fail(StorageError.unavailable("storage is shut down"))
        case .queued(let arm): if arm { armTimer(at: now + acquireTimeout) }
        }
    }

    /// Runs `first` on a pool thread, then every queued job that thread can take over.
    private func start(_ first: Job, on lease: Connection?) {
        // Boxed so the pool's thread takes the only reference: a connection it drops is then
        // closed there, not on the cooperative pool.
        let handed = Lease(lease)
        threads.submit { state in
            guard case .active = state else {
                self.state.withLock { $0.open -= 1 }
                return first.fail(StorageError.unavailable("storage is shut down"))
            }
            var (job, connection) = (first, handed.take())
            while true {
                self.count(job)
                guard let next = self.handOn(job.run(connection)) else { return }
                (job, connection) = next
            }
        }
    }

    /// Gives the connection (or, with `nil`, its slot) to the next queued job, which this
    /// thread then runs; with none queued, returns it to the pool.
    private func handOn(_ connection: Connection?) -> (Job, Connection?)? {
        let next = state.withLock { state -> Job? in
            if !state.queue.isEmpty { return state.queue.removeFirst() }
            if let connection, !state.closed {
                state.idle.append(connection)
            } else {
                state.open -= 1
            }
            return nil
        }
        guard let next else { return nil }
        return (next, connection)
    }

    private func count(_ job: Job) {
        let waited = ContinuousClock.now - job.submitted
        state.withLock { state in
            state.acquisitions += 1
            state.waitSeconds += Double(waited.components.seconds) + Double(waited.components.attoseconds) / 1e18
        }
    }

    /// Sets the one deadline timer, for the oldest queued job. Jobs queue in order and share
    /// one timeout, so the oldest is always the next to expire: one timer serves the whole
    /// queue, instead of one scheduled and cancelled per borrower. It runs on an event loop,
    /// not as a task: a deadline must hold even while the cooperative pool is saturated.
    private func armTimer(at deadline: ContinuousClock.Instant) {
        let delay = max(.zero, ContinuousClock.now.duration(to: deadline))
        NIOSingletons.posixEventLoopGroup.any().scheduleTask(in: .nanoseconds(delay.nanoseconds)) { self.expireOverdue() }
    }

    /// Fails every queued job that has waited `acquireTimeout` with `.unavailable`, so a
    /// request never waits for a connection without bound, and sets the timer for the next.
    private func expireOverdue() {
        let now = ContinuousClock.now
        let (expired, next) = state.withLock { state -> ([Job], ContinuousClock.Instant?) in
            let overdue = state.queue.prefix { now - $0.submitted >= acquireTimeout }.count
            let expired = Array(state.queue.prefix(overdue))
            state.queue.removeFirst(overdue)
            let next = state.queue.first.map { $0.submitted + acquireTimeout }
            state.timerArmed = next != nil
            return (expired, next)
        }
        for job in expired { job.fail(StorageError.unavailable("no database connection free within \(acquireTimeout)")) }
        if let next { armTimer(at: next) }
    }

    /// Runs `body`, replacing a dead connection as `retry` allows; returns the outcome and
    /// what to hand on: the connection if it can serve again, else `nil` (a free slot).
    private func run<T>(_ lease: Connection?, retry: Bool, _ body: (Connection) throws -> T) -> (Result<T, any Error>, Connection?) {
        var reused = lease.flatMap { $0.isReusable() ? $0 : nil }
        // One dead idle connection (say, after a server restart) means the others are dead too.
        if lease != nil && reused == nil { dropIdle() }
        var retry = retry
        while true {
            let connection: Connection
            do {
                connection = try reused ?? connect()
            } catch {
                return (.failure(error), nil)
            }
            do {
                let result = try body(connection)
                return (.success(result), connection.isReusable() ? connection : nil)
            } catch {
                if connection.isReusable() { return (.failure(error), connection) }
                dropIdle()
                guard retry, reused != nil else { return (.failure(error), nil) }
                (retry, reused) = (false, nil)
            }
        }
    }

    private func dropIdle() {
        let dropped = state.withLock { state in
            defer { state.idle = [] }
            state.open -= state.idle.count
            return state.idle
        }
        _ = dropped
    }
}

/// Hands a leased connection (or an empty slot) from the submitting task to the pool thread.
// Safe to send unchecked: the value is written once before the pool thread runs and taken once
// on that thread, so no two threads ever touch it at the same time.
private final class Lease<Connection>: @unchecked Sendable {
    private var connection: Connection?

    init(_ connection: Connection?) { self.connection = connection }

    func take() -> Connection? {
        defer { connection = nil }
        return connection
    }
}
