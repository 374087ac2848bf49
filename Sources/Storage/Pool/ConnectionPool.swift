import NIOCore
import NIOPosix
import Synchronization

/// Lends at most `capacity` connections, each to one borrower at a time, and runs the
/// borrower's blocking C calls on threads the pool owns, never on the cooperative pool.
final class ConnectionPool<Connection: PooledConnection>: Sendable {
    /// A waiting borrower: resumed with a connection, or `nil` meaning "open a new one".
    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Connection?, any Error>
        /// Fails the waiter at its deadline; cancelled when it is served first.
        var timer: Scheduled<Void>?
    }

    private enum Grant {
        case connection(Connection?)
        case wait(UInt64)
        case closed
    }

    private struct State {
        var idle: [Connection] = []
        var open = 0
        var waiters: [Waiter] = []
        var nextWaiterID: UInt64 = 0
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
        // Boxed so the pool's thread takes the only reference: a connection it drops is then
        // closed there, not on the cooperative pool.
        let lease = Lease(try await acquire())
        do {
            return try await threads.runIfActive { try self.run(lease.take(), retry: retry, body) }
        } catch is NIOThreadPoolError.ThreadPoolInactive {
            throw StorageError.unavailable("storage is shut down")
        }
    }

    /// Closes idle connections and stops the threads; later calls fail with `.unavailable`.
    func close() async {
        let waiters = state.withLock { state in
            state.closed = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters {
            waiter.timer?.cancel()
            waiter.continuation.resume(throwing: StorageError.unavailable("storage is shut down"))
        }
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
            statistics.waiting = state.waiters.count
            statistics.acquisitions = state.acquisitions
            statistics.waitSeconds = state.waitSeconds
            return statistics
        }
    }

    private func acquire() async throws -> Connection? {
        let started = ContinuousClock.now
        let lease = try await waitForLease()
        let waited = ContinuousClock.now - started
        state.withLock { state in
            state.acquisitions += 1
            state.waitSeconds += Double(waited.components.seconds) + Double(waited.components.attoseconds) / 1e18
        }
        return lease
    }

    private func waitForLease() async throws -> Connection? {
        try await withCheckedThrowingContinuation { continuation in
            let grant = state.withLock { state -> Grant in
                if state.closed { return .closed }
                if let connection = state.idle.popLast() { return .connection(connection) }
                if state.open < capacity {
                    state.open += 1
                    return .connection(nil)
                }
                state.nextWaiterID += 1
                state.waiters.append(Waiter(id: state.nextWaiterID, continuation: continuation))
                return .wait(state.nextWaiterID)
            }
            switch grant {
            case .connection(let connection): continuation.resume(returning: connection)
            case .closed: continuation.resume(throwing: StorageError.unavailable("storage is shut down"))
            case .wait(let id): expire(id, after: acquireTimeout)
            }
        }
    }

    /// Fails waiter `id` with `.unavailable` if it is still waiting after `timeout`, so a
    /// request never waits for a connection without bound. The timer runs on an event loop,
    /// not as a task: a deadline must hold even while the cooperative pool is saturated.
    private func expire(_ id: UInt64, after timeout: Duration) {
        let timer = NIOSingletons.posixEventLoopGroup.any().scheduleTask(in: .nanoseconds(timeout.nanoseconds)) {
            let waiter = self.state.withLock { state -> Waiter? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index)
            }
            waiter?.continuation.resume(throwing: StorageError.unavailable("no database connection free within \(timeout)"))
        }
        let served = state.withLock { state -> Bool in
            guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return true }
            state.waiters[index].timer = timer
            return false
        }
        if served { timer.cancel() }
    }

    private func run<T>(_ lease: Connection?, retry: Bool, _ body: (Connection) throws -> T) throws -> T {
        var reused = lease.flatMap { $0.isReusable() ? $0 : nil }
        // One dead idle connection (say, after a server restart) means the others are dead too.
        if lease != nil && reused == nil { dropIdle() }
        var retry = retry
        while true {
            let connection: Connection
            do {
                connection = try reused ?? connect()
            } catch {
                release(nil)
                throw error
            }
            do {
                let result = try body(connection)
                release(connection.isReusable() ? connection : nil)
                return result
            } catch {
                if connection.isReusable() {
                    release(connection)
                    throw error
                }
                dropIdle()
                guard retry, reused != nil else {
                    release(nil)
                    throw error
                }
                (retry, reused) = (false, nil)
            }
        }
    }

    /// Returns a connection (or, with `nil`, its slot) to the pool or to the first waiter.
    private func release(_ connection: Connection?) {
        let waiter = state.withLock { state -> Waiter? in
            if !state.waiters.isEmpty { return state.waiters.removeFirst() }
            if let connection, !state.closed {
                state.idle.append(connection)
            } else {
                state.open -= 1
            }
            return nil
        }
        waiter?.timer?.cancel()
        waiter?.continuation.resume(returning: connection)
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

/// Hands a leased connection (or an empty slot) from the waiting task to the pool thread.
// @unchecked Sendable is safe: the value is written once before the pool thread runs and taken
// once on that thread, so no two threads ever touch it at the same time.
private final class Lease<Connection>: @unchecked Sendable {
    private var connection: Connection?

    init(_ connection: Connection?) { self.connection = connection }

    func take() -> Connection? {
        defer { connection = nil }
        return connection
    }
}
