import Foundation
@testable import Storage
import Synchronization
import Testing
import TestSupport

/// The pool on its own, with a stand-in connection.
@Suite("Connection pool")
struct ConnectionPoolTests {
    /// A thread-safe counter the pool's threads and the test share.
    final class Counter: Sendable {
        private let state = Mutex((value: 0, peak: 0))
        var value: Int { state.withLock { $0.value } }
        var peak: Int { state.withLock { $0.peak } }

        @discardableResult
        func add(_ delta: Int) -> Int {
            state.withLock { state in
                state.value += delta
                state.peak = max(state.peak, state.value)
                return state.value
            }
        }
    }

    final class FakeConnection: PooledConnection {
        let healthy = Atomic<Bool>(true)
        func isReusable() -> Bool { healthy.load(ordering: .relaxed) }
    }

    @Test("never lends more than its capacity, and reuses connections", .timeLimit(.minutes(3)))
    func capacity() async throws {
        let opened = Counter(), busy = Counter()
        let pool = ConnectionPool(capacity: 2) { () -> FakeConnection in
            opened.add(1)
            return FakeConnection()
        }
        // The first borrower holds its connection until a second one is lent at the same
        // time, so two connections are open for certain; the rest reuse them.
        let bothLent = Gate()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await pool.withConnection { _ in
                        if busy.add(1) == 2 { bothLent.open() }
                        bothLent.wait()
                        busy.add(-1)
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(busy.peak == 2)
        #expect(opened.value == 2)
        await pool.close()
    }

    @Test("a borrower waits at most acquireTimeout, then gets unavailable", .timeLimit(.minutes(3)))
    func acquireTimeout() async throws {
        let pool = ConnectionPool(capacity: 1, acquireTimeout: .milliseconds(200)) { FakeConnection() }
        // The holder keeps the only connection until the waiter has failed.
        try await Gate.whileHeld(by: { hold in try await pool.withConnection { _ in hold() } }) {
            let started = ContinuousClock.now
            let error = await #expect(throws: StorageError.self) { try await pool.withConnection { _ in } }
            #expect(error?.code == .unavailable)
            #expect(ContinuousClock.now - started >= .milliseconds(200))
        }
        try await pool.withConnection { _ in }
        await pool.close()
    }

    @Test("every queued borrower gets unavailable at its deadline, however many queue (one timer serves them all)", .timeLimit(.minutes(3)))
    func queuedDeadlines() async throws {
        let pool = ConnectionPool(capacity: 1, acquireTimeout: .milliseconds(100)) { FakeConnection() }
        try await Gate.whileHeld(by: { hold in try await pool.withConnection { _ in hold() } }) {
            for wave in 1...2 {
                let refused = await withTaskGroup(of: Bool.self) { group in
                    for _ in 0..<5 {
                        group.addTask {
                            do { try await pool.withConnection { _ in } } catch let error as StorageError { return error.code == .unavailable } catch {}
                            return false
                        }
                    }
                    return await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
                }
                #expect(refused == 5, "wave \(wave)")
            }
        }
        await pool.close()
    }

    @Test("a connection found broken is replaced, and a read is retried once")
    func brokenConnections() async throws {
        let opened = Counter()
        let pool = ConnectionPool(capacity: 1) { () -> FakeConnection in
            opened.add(1)
            return FakeConnection()
        }
        try await pool.withConnection { _ in }
        let attempts = Counter()
        try await pool.withConnection(retry: true) { connection in
            if attempts.add(1) == 1 {
                connection.healthy.store(false, ordering: .relaxed)
                throw StorageError.unavailable("connection lost")
            }
        }
        #expect(attempts.value == 2)
        #expect(opened.value == 2)
        await #expect(throws: StorageError.unavailable("connection lost")) {
            try await pool.withConnection { connection in
                connection.healthy.store(false, ordering: .relaxed)
                throw StorageError.unavailable("connection lost")
            }
        }
        try await pool.withConnection { _ in }
        #expect(opened.value == 3)
        await pool.close()
    }
}
