import Dispatch
import Foundation
import Storage
import Synchronization

/// Keeps one core free of hashing while token checks are being served. With every core
/// hashing argon2id (19 MiB each) whenever token checks leave a gap, a token check's next
/// step waits for a core and finds its caches cold: its p99 during a login flood more than
/// doubled. So while a token check started within `window`, at most `threads - 1` hashes run
/// at once; the others wait on their own threads. A pure login flood or burst still hashes
/// on every thread.
final class HashYield: Sendable {
    let threads: Int
    let window: Duration
    /// When the last token check started, in nanoseconds of the monotonic clock.
    private let lastTokenCheck = Atomic<Int64>(.min / 2)
    private let state = GuardedState()

    /// The hashing threads' queue for a turn.
    // Safe to send unchecked: `running`, `nextTicket` and `serving` are only read or written
    // with `condition` locked.
    private final class GuardedState: @unchecked Sendable {
        let condition = NSCondition()
        var running = 0
        var nextTicket = 0
        var serving = 0
    }

    init(threads: Int, window: Duration = .milliseconds(50)) {
        self.threads = max(1, threads)
        self.window = window
    }

    /// Called by every token check: one core stays free of hashing for the next `window`.
    func noteTokenCheck() {
        lastTokenCheck.store(Self.now(), ordering: .relaxed)
    }

    /// How many hashes may run at once right now.
    var limit: Int {
        let recent = Self.now() - lastTokenCheck.load(ordering: .relaxed) < window.nanoseconds
        return threads > 1 && recent ? threads - 1 : threads
    }

    /// Blocks the calling hashing thread until it may hash, in the order the threads asked;
    /// always pair it with `end()`. A waiting thread looks again every few milliseconds,
    /// since token checks never signal.
    func begin() {
        let state = self.state
        state.condition.lock()
        defer { state.condition.unlock() }
        let ticket = state.nextTicket
        state.nextTicket += 1
        while ticket != state.serving || state.running >= limit {
            _ = state.condition.wait(until: Date(timeIntervalSinceNow: 0.005))
        }
        state.serving += 1
        state.running += 1
        state.condition.broadcast()
    }

    /// Hashing threads waiting for their turn right now.
    var waiting: Int {
        state.condition.lock()
        defer { state.condition.unlock() }
        return state.nextTicket - state.serving
    }

    func end() {
        state.condition.lock()
        state.running -= 1
        state.condition.broadcast()
        state.condition.unlock()
    }

    private static func now() -> Int64 {
        Int64(DispatchTime.now().uptimeNanoseconds)
    }
}
