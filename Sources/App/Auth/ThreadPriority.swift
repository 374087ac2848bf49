import Glibc

/// The OS scheduling priority of the calling thread.
enum ThreadPriority {
    /// The nice value hashing threads run at: the kernel then lets token checks, database
    /// calls and the cooperative pool run first, while hashing still uses every idle cycle.
    static let hashing: Int32 = 10

    /// Lowers the calling thread's priority to `nice` (Linux keeps one nice value per thread;
    /// raising it back would need privileges, lowering never does). Cheap: one system call.
    static func lower(to nice: Int32) {
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, nice)
    }
}
