import Synchronization

/// `/ready`'s answer, kept for a second: a flood of probes runs one check a second, never a
/// queue of them behind the writes. A check still running is shared by every probe.
final class ReadinessCache: Sendable {
    private let check: @Sendable () async throws -> Void
    private let lifetime: Duration
    private let latest = Mutex<Entry?>(nil)

    private struct Entry {
        let started: ContinuousClock.Instant
        let task: Task<Void, any Error>
    }

    init(lifetime: Duration = .seconds(1), check: @escaping @Sendable () async throws -> Void) {
        self.lifetime = lifetime
        self.check = check
    }

    /// Throws when the service should not receive traffic.
    func run() async throws {
        let now = ContinuousClock.now
        let task = latest.withLock { entry -> Task<Void, any Error> in
            if let entry, now - entry.started < lifetime { return entry.task }
            let task = Task { try await check() }
            entry = Entry(started: now, task: task)
            return task
        }
        try await task.value
    }
}
