import Glibc

/// The OS scheduling priority of the calling thread.
enum ThreadPriority {
    /// The nice value hashing threads also carry: the lowest, should anything ever take them
    /// out of `SCHED_IDLE`.
    static let hashing: Int32 = 19

    /// Linux's `SCHED_IDLE` (glibc declares it only under `_GNU_SOURCE`): the thread runs only
    /// on CPU no other thread wants.
    private static let idlePolicy: Int32 = 5

    /// Makes the calling thread a background one: `SCHED_IDLE`, at `nice` (Linux keeps both per
    /// thread; any thread may lower them, raising them back would need privileges). A request's
    /// thread that wakes takes the core from a hashing thread at once, and hashing still uses
    /// every idle cycle: a pure login flood keeps its whole rate. Measured with
    /// `scripts/bench.sh`: `SCHED_BATCH` at nice 19 left the flood's hashing about a quarter of
    /// the machine, and token checks' p99 during the flood at 1.6 to 2.1 times idle; with
    /// `SCHED_IDLE` it is 1.4 to 1.8. `SCHED_IDLE` starves hashing while token checks keep the
    /// cores busy, so refusals are held (`PasswordHasher.rejectHold`): answered at once, a flood
    /// turned them into a loop of thousands a second.
    static func lower(to nice: Int32) {
        var parameters = sched_param(sched_priority: 0)
        _ = sched_setscheduler(0, idlePolicy, &parameters)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, nice)
    }
}
