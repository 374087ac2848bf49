import Glibc

/// The OS scheduling priority of the calling thread.
enum ThreadPriority {
    /// The nice value hashing threads run at, the lowest: the kernel lets token checks,
    /// database calls and the cooperative pool run first, while hashing still uses every idle
    /// cycle and keeps a small share of a saturated machine, so logins still progress.
    static let hashing: Int32 = 19

    /// Linux's `SCHED_BATCH` (glibc declares it only under `_GNU_SOURCE`): the thread is taken
    /// for CPU-bound and never preempts another thread when it wakes.
    private static let batchPolicy: Int32 = 3

    /// Makes the calling thread a background one: `SCHED_BATCH` at `nice` (Linux keeps both per
    /// thread; raising them back would need privileges, lowering never does). `SCHED_BATCH`
    /// keeps a hashing thread that wakes from preempting a request's thread. In repeated
    /// `scripts/bench.sh` runs nice 10 and nice 19 differed by less than the noise; `SCHED_IDLE`
    /// starved hashing while token checks kept the cores busy, and logins got 503 by the thousand.
    static func lower(to nice: Int32) {
        var parameters = sched_param(sched_priority: 0)
        _ = sched_setscheduler(0, batchPolicy, &parameters)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, nice)
    }
}
