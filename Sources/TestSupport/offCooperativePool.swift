import Glibc
import NIOPosix

/// Runs blocking `work` (a cost-12 bcrypt, say) on a thread pool of the tests' own, at a
/// low scheduling priority, and awaits it: tests never block the cooperative pool, and their
/// CPU-heavy fixtures never crowd it out either (on two cores they would).
public func offCooperativePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await backgroundThreads.runIfActive {
        // nice 10 for this thread; lowering needs no privilege, and these threads serve only this.
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        return try work()
    }
}

private let backgroundThreads: NIOThreadPool = {
    let pool = NIOThreadPool(numberOfThreads: 2)
    pool.start()
    return pool
}()
