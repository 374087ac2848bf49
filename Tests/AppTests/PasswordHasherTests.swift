@testable import App
import Foundation
import Glibc
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing
import TestSupport

/// The hasher's admission rules, with slots held by gated work so the order is forced.
@Suite("Password hasher admission")
struct PasswordHasherTests {
    /// Starts `work` for `client` and returns once it runs on a hasher thread.
    private func hold(_ hasher: PasswordHasher, client: String, until release: Gate) async -> Task<Void, any Error> {
        let started = Gate()
        // `started` opens also if the work is refused, so the test fails instead of hanging.
        let task = Task {
            defer { started.open() }
            try await hasher.run(client: client) { started.open(); release.wait() }
        }
        await started.opened()
        return task
    }

    /// A hasher whose hash time is fixed at 100 ms, so the budget is exactly `slots` requests.
    private func hasher(threads: Int, budget: Duration) async throws -> PasswordHasher {
        try await PasswordHasher.start(parameters: .minimum, threads: threads, capacity: 1000, maxWait: budget, hashTime: .milliseconds(100))
    }

    @Test("admission is by expected wait: the budget over the hash time, times the threads")
    func slots() async throws {
        let two = try await hasher(threads: 2, budget: .seconds(2))
        #expect(two.slots == 40 && two.clientShare == 10)
        let tiny = try await hasher(threads: 2, budget: .milliseconds(1))
        #expect(tiny.slots == 2 && tiny.clientShare == 1)
        await two.shutdown()
        await tiny.shutdown()
    }

    @Test("within the budget one client may hold it all; past it that client gets ClientBusy, others the reserve, then Busy")
    func budget() async throws {
        // Four threads, 400 ms of budget at 100 ms a hash: 16 slots, a share and a reserve of 4.
        let hasher = try await hasher(threads: 4, budget: .milliseconds(400))
        #expect(hasher.slots == 16 && hasher.clientShare == 4)
        for _ in 0..<16 { try hasher.admit("198.51.100.1") }
        #expect(throws: PasswordHasher.ClientBusy.self) { try hasher.admit("198.51.100.1") }
        for index in 0..<4 { try hasher.admit("198.51.100.\(10 + index)") }
        #expect(throws: PasswordHasher.Busy.self) { try hasher.admit("198.51.100.99") }
        hasher.leave("198.51.100.10")
        try hasher.admit("198.51.100.99")
        #expect(hasher.depth == 20)
        await hasher.shutdown()
    }

    @Test("work runs and frees its place; PASSWORD_HASH_QUEUE caps the budget whatever the hash time", .timeLimit(.minutes(3)))
    func runAndCap() async throws {
        let hasher = try await PasswordHasher.start(parameters: .minimum, threads: 2, capacity: 3, maxWait: .seconds(60), hashTime: .milliseconds(1))
        let release = Gate()
        defer { release.open() }
        let held = [await hold(hasher, client: "a", until: release), await hold(hasher, client: "b", until: release)]
        #expect(hasher.slots == 3 && hasher.clientShare == 1)
        try hasher.admit("c")
        try hasher.admit("e")
        await #expect(throws: PasswordHasher.Busy.self) { try await hasher.run(client: "d") {} }
        hasher.leave("c")
        hasher.leave("e")
        release.open()
        for task in held { try await task.value }
        #expect(hasher.depth == 0)
        await hasher.shutdown()
    }

    @Test("Busy is 503 and ClientBusy is 429, both with Retry-After")
    func statuses() async throws {
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: ErrorMiddleware(routes: RouteMethods()))
        router.get("busy") { _, _ -> String in throw PasswordHasher.Busy() }
        router.get("client") { _, _ -> String in throw PasswordHasher.ClientBusy() }
        try await Application(router: router).test(.router) { client in
            let busy = try await client.execute(uri: "/busy", method: .get)
            #expect(busy.status == .serviceUnavailable && busy.headers[.retryAfter] == "1")
            let share = try await client.execute(uri: "/client", method: .get)
            #expect(share.status == .tooManyRequests && share.headers[.retryAfter] == "1")
        }
    }

    @Test("a refused request is answered only after the hold; an admitted one is not held", .timeLimit(.minutes(1)))
    func rejectHold() async throws {
        let (entered, release) = (Gate(), Gate())
        let holds = Mutex<[Duration]>([])
        let hasher = try await PasswordHasher.start(
            parameters: .minimum, threads: 1, capacity: 1, maxWait: .milliseconds(1), rejectHold: .milliseconds(1500),
            hashTime: .milliseconds(100), sleep: { duration in
                holds.withLock { $0.append(duration) }
                entered.open()
                await release.opened()
            })
        try await hasher.run(client: "a") {}
        #expect(holds.withLock { $0 }.isEmpty)
        try hasher.admit("a")
        let answered = Flag()
        let refused = Task {
            defer { answered.set() }
            try await hasher.run(client: "a") {}
        }
        await entered.opened()
        // Refused, and waiting in the hold: no answer yet, and no place in the queue taken.
        #expect(holds.withLock { $0 } == [.milliseconds(1500)] && !answered.isSet && hasher.depth == 1)
        release.open()
        await #expect(throws: PasswordHasher.ClientBusy.self) { try await refused.value }
        hasher.leave("a")
        await hasher.shutdown()
    }

    @Test("the hash time admission assumes rises over about eight slow hashes and falls back at once")
    func meanHashTime() async throws {
        let hasher = try await PasswordHasher.start(parameters: .minimum, threads: 2, capacity: 1000, maxWait: .seconds(2))
        for _ in 0..<64 { hasher.record(.milliseconds(400)) }
        #expect(hasher.meanHashTime > .milliseconds(399) && hasher.slots == 10)
        // 400 -> 210 -> 115 -> 67.5 ms: three ordinary hashes undo a busy spell.
        for _ in 0..<3 { hasher.record(.milliseconds(20)) }
        #expect(hasher.meanHashTime > .milliseconds(67) && hasher.meanHashTime < .milliseconds(68))
        // One slow hash moves it an eighth of the way: 67.5 + 332.5 / 8.
        hasher.record(.milliseconds(400))
        #expect(hasher.meanHashTime > .milliseconds(109) && hasher.meanHashTime < .milliseconds(110))
        await hasher.shutdown()
    }

    @Test("hashing runs as a background thread (SCHED_IDLE, nice 19), nothing else does")
    func priority() async throws {
        let hasher = try await PasswordHasher.start(parameters: .minimum, threads: 1, capacity: 1)
        let (nice, policy) = try await hasher.run(client: nil) { (getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0), sched_getscheduler(0)) }
        #expect(nice == ThreadPriority.hashing)
        #expect(policy == 5, "SCHED_IDLE")
        #expect(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) < ThreadPriority.hashing)
        #expect(sched_getscheduler(0) == 0, "SCHED_OTHER")
        await hasher.shutdown()
    }

    /// A flag a hasher thread sets and the test reads.
    final class Flag: Sendable {
        private let value = Atomic<Bool>(false)
        var isSet: Bool { value.load(ordering: .relaxed) }
        func set() { value.store(true, ordering: .relaxed) }
    }

    /// A two-thread hasher whose yielding to token checks lasts as long as the test.
    private func yieldingHasher() async throws -> PasswordHasher {
        try await PasswordHasher.start(
            parameters: .minimum, threads: 2, capacity: 1000, maxWait: .seconds(1), hashTime: .milliseconds(100), tokenCheckWindow: .seconds(600))
    }

    @Test("without token checks every thread hashes at once", .timeLimit(.minutes(1)))
    func allThreadsHash() async throws {
        let hasher = try await yieldingHasher()
        #expect(hasher.yield.limit == 2 && hasher.slots == 20)
        // Each waits for the other to start: only two hashes running at once can finish.
        let (first, second) = (Gate(), Gate())
        async let a: Void = hasher.run(client: "a") { first.open(); second.wait() }
        async let b: Void = hasher.run(client: "b") { second.open(); first.wait() }
        _ = try await (a, b)
        await hasher.shutdown()
    }

    @Test("while token checks run one thread stays free of hashing, and admission counts one thread fewer", .timeLimit(.minutes(1)))
    func yieldsToTokenChecks() async throws {
        let hasher = try await yieldingHasher()
        hasher.yield.noteTokenCheck()
        #expect(hasher.yield.limit == 1 && hasher.slots == 10)
        let release = Gate(), secondRan = Flag()
        let first = await hold(hasher, client: "a", until: release)
        async let second: Void = hasher.run(client: "b") { secondRan.set() }
        // The second hash is on the other thread, waiting for its turn, not running.
        while hasher.yield.waiting == 0 { await Task.yield() }
        #expect(!secondRan.isSet)
        release.open()
        try await first.value
        try await second
        #expect(secondRan.isSet)
        await hasher.shutdown()
    }
}
