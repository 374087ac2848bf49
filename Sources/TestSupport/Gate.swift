import Foundation
import Synchronization

/// A one-shot signal between a pool thread and the test: `open()` once, then `opened()`
/// (async, for test tasks) and `wait()` (blocking, for the pool's own threads only) return.
public final class Gate: Sendable {
    private struct State {
        var isOpen = false
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter = 0
    }

    private let state = Mutex(State())
    private let condition = NSCondition()

    public init() {}

    /// Lets every waiter through, now and later.
    public func open() {
        let waiters = state.withLock { state in
            state.isOpen = true
            defer { state.waiters = [:] }
            return state.waiters.values
        }
        waiters.forEach { $0.resume() }
        condition.lock()
        condition.broadcast()
        condition.unlock()
    }

    /// Suspends the calling task until the gate is open, or the task is cancelled (a test
    /// past its time limit then fails instead of hanging the run).
    public func opened() async {
        let id = state.withLock { state in
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                // Checked under the lock that the cancellation handler takes, so a cancellation
                // either sees this waiter or is seen here.
                let waits = state.withLock { state in
                    guard !state.isOpen, !Task.isCancelled else { return false }
                    state.waiters[id] = continuation
                    return true
                }
                if !waits { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }

    /// Blocks the calling thread until the gate is open; never call it on the cooperative pool.
    public func wait() {
        condition.lock()
        while !state.withLock({ $0.isOpen }) { condition.wait() }
        condition.unlock()
    }
}
