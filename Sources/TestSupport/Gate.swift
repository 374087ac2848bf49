import Foundation
import Synchronization

/// A one-shot signal between a pool thread and the test: `open()` once, then `opened()`
/// (async, for test tasks) and `wait()` (blocking, for the pool's own threads only) return.
public final class Gate: Sendable {
    private let state = Mutex<(isOpen: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))
    private let condition = NSCondition()

    public init() {}

    /// Lets every waiter through, now and later.
    public func open() {
        let waiters = state.withLock { state in
            state.isOpen = true
            defer { state.waiters = [] }
            return state.waiters
        }
        waiters.forEach { $0.resume() }
        condition.lock()
        condition.broadcast()
        condition.unlock()
    }

    /// Suspends the calling task until the gate is open.
    public func opened() async {
        await withCheckedContinuation { continuation in
            let isOpen = state.withLock { state in
                if !state.isOpen { state.waiters.append(continuation) }
                return state.isOpen
            }
            if isOpen { continuation.resume() }
        }
    }

    /// Blocks the calling thread until the gate is open; never call it on the cooperative pool.
    public func wait() {
        condition.lock()
        while !state.withLock({ $0.isOpen }) { condition.wait() }
        condition.unlock()
    }
}
