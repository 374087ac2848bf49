import HummingbirdBcrypt
import Storage
import NIOPosix
import Synchronization

/// Hashes and verifies passwords on threads of its own, so token checks and database calls
/// never wait behind it. Admission is by expected wait: a request gets in while the work
/// ahead of it (queued or running, times the measured hash time, over the threads) fits the
/// budget (`PASSWORD_HASH_MAX_WAIT_MS`), so an ordinary burst only waits. Past the budget a
/// client that already holds a quarter of it gets 429 (its own flood), anyone else may use a
/// reserve of a further quarter, and beyond that it is a real overload: 503. `capacity` caps
/// the budget's requests whatever the hash time (`PASSWORD_HASH_QUEUE`). A refusal is answered
/// after `rejectHold` (`PASSWORD_HASH_REJECT_HOLD_MS`).
final class PasswordHasher: Sendable {
    /// The hasher is full; the caller should answer 503 with `Retry-After`.
    struct Busy: Error {}
    /// This client already holds its fair share of the queue; the caller should answer 429.
    struct ClientBusy: Error {}

    /// The outcome of checking a password.
    enum Verdict: Equatable {
        case mismatch
        /// Right password; `needsRehash` when the stored hash is bcrypt or weaker than today's.
        case match(needsRehash: Bool)
    }

    let parameters: Argon2.Parameters
    let capacity: Int
    /// How long a request may expect to wait for the hasher.
    let maxWait: Duration
    /// How long a refused request waits before its 429 or 503 is sent.
    let rejectHold: Duration
    /// Keeps a core free of hashing while token checks run.
    let yield: HashYield
    /// The recent mean time of one hash or verification, in nanoseconds.
    private let meanHash: Atomic<Int>
    private let fixedHashTime: Bool
    private let threads: NIOThreadPool
    private let inFlight = Atomic<Int>(0)
    /// Requests queued or running per client, for the fair share.
    private let perClient = Mutex<[String: Int]>([:])
    private let observe: @Sendable (Duration) -> Void
    private let sleep: @Sendable (Duration) async -> Void
    // Verified against when the user does not exist, so both cases cost the same time.
    private let dummyHash: String

    /// Starts the hasher's threads; `observe` hears how long each hash or verification took.
    /// `hashTime` fixes the hash time admission assumes (tests); otherwise it is measured,
    /// starting from the dummy hash made here. `tokenCheckWindow`: how long after a token check
    /// one thread stays free of hashing (`HashYield`). `sleep` waits out `rejectHold` (tests
    /// replace it).
    static func start(
        parameters: Argon2.Parameters = .owasp, threads count: Int, capacity: Int, maxWait: Duration = .seconds(2),
        rejectHold: Duration = .zero, hashTime: Duration? = nil, tokenCheckWindow: Duration = .milliseconds(50),
        sleep: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) },
        observe: @escaping @Sendable (Duration) -> Void = { _ in }
    ) async throws -> PasswordHasher {
        Argon2.initialize()
        let threads = NIOThreadPool(numberOfThreads: max(1, count))
        threads.start()
        let (dummy, took) = try await threads.runIfActive {
            let started = ContinuousClock.now
            return (try Argon2.hash("dummy password for unknown users", parameters), ContinuousClock.now - started)
        }
        return PasswordHasher(
            parameters: parameters, threads: threads, capacity: max(count, capacity), maxWait: maxWait,
            rejectHold: rejectHold, hashTime: hashTime ?? took, fixed: hashTime != nil, dummyHash: dummy,
            yield: HashYield(threads: max(1, count), window: tokenCheckWindow), sleep: sleep, observe: observe)
    }

    private init(
        parameters: Argon2.Parameters, threads: NIOThreadPool, capacity: Int, maxWait: Duration, rejectHold: Duration,
        hashTime: Duration, fixed: Bool, dummyHash: String, yield: HashYield,
        sleep: @escaping @Sendable (Duration) async -> Void, observe: @escaping @Sendable (Duration) -> Void
    ) {
        self.parameters = parameters
        self.threads = threads
        self.yield = yield
        self.capacity = capacity
        self.maxWait = maxWait
        self.rejectHold = rejectHold
        self.meanHash = Atomic(max(1, Int(hashTime.nanoseconds)))
        self.fixedHashTime = fixed
        self.dummyHash = dummyHash
        self.sleep = sleep
        self.observe = observe
    }

    /// Reports one hash's time and, unless the time is fixed, folds it into a moving average:
    /// a slower hash moves it an eighth of the way, a faster one half of it. Hashing gets only
    /// idle CPU, so while token checks keep the cores busy a hash takes many times its usual
    /// time; once they stop, the mean must come back at once, or the next ordinary burst would
    /// be refused on the busy spell's figure.
    func record(_ took: Duration) {
        observe(took)
        guard !fixedHashTime else { return }
        let (old, sample) = (meanHash.load(ordering: .relaxed), Int(took.nanoseconds))
        let step = sample < old ? (sample - old) / 2 : (sample - old) / 8
        meanHash.store(max(1, old + step), ordering: .relaxed)
    }

    /// The hash time admission assumes right now.
    var meanHashTime: Duration { .nanoseconds(meanHash.load(ordering: .relaxed)) }

    /// How many requests fit the wait budget: queued or running, with the measured hash time
    /// and the threads that may hash right now.
    var slots: Int {
        let threads = yield.limit
        let fits = Int(maxWait.nanoseconds) / max(1, meanHash.load(ordering: .relaxed)) * threads
        return min(capacity, max(threads, fits))
    }

    /// Requests queued or running right now (for metrics).
    var depth: Int { inFlight.load(ordering: .relaxed) }

    /// How much of the budget one client may hold once it is spent, and how far others may
    /// go past it: a quarter each, at least one request.
    var clientShare: Int { max(1, slots / 4) }

    /// An argon2id PHC string for `password`.
    func hash(_ password: String, client: String? = nil) async throws -> String {
        let parameters = self.parameters
        return try await run(client: client) { try Argon2.hash(password, parameters) }
    }

    /// Checks `password` against `hash` (argon2id or passlib-style bcrypt). A `nil` hash (no
    /// such user) is checked against a dummy hash and never matches.
    func verify(_ password: String, against hash: String?, client: String? = nil) async throws -> Verdict {
        let (parameters, dummy) = (self.parameters, dummyHash)
        return try await run(client: client) {
            guard let hash else {
                _ = Argon2.verify(password, hash: dummy)
                return .mismatch
            }
            if let bcrypt = PasswordHasher.bcryptForm(of: hash) {
                return Bcrypt.verify(password, hash: bcrypt) ? .match(needsRehash: true) : .mismatch
            }
            guard Argon2.verify(password, hash: hash) else { return .mismatch }
            return .match(needsRehash: Argon2.needsRehash(hash, parameters))
        }
    }

    /// Stops the threads once queued work is done.
    func shutdown() async {
        try? await threads.shutdownGracefully()
    }

    /// Runs `work` on the hasher's threads if `client` has room in its share and the queue has
    /// room at all; internal so tests can hold slots with work of their own.
    func run<T: Sendable>(client: String?, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        let key = client ?? ""
        do {
            try admit(key)
        } catch {
            // A flood client retries the moment it is answered: held, each of its connections
            // costs one refusal per hold, not a loop of refusals eating the CPU that hashing
            // and token checks need. Any client waits `Retry-After` anyway.
            if rejectHold > .zero { await sleep(rejectHold) }
            throw error
        }
        defer { leave(key) }
        return try await threads.runIfActive {
            ThreadPriority.lower(to: ThreadPriority.hashing)
            self.yield.begin()
            defer { self.yield.end() }
            let started = ContinuousClock.now
            defer { self.record(ContinuousClock.now - started) }
            return try work()
        }
    }

    /// Counts a request of `client` in, or throws `ClientBusy` (429) or `Busy` (503);
    /// internal so tests can fill the budget without running work.
    func admit(_ client: String) throws {
        let (slots, share) = (self.slots, clientShare)
        try perClient.withLock { counts in
            let total = inFlight.load(ordering: .relaxed)
            let mine = counts[client, default: 0]
            if total >= slots {
                if mine >= share { throw ClientBusy() }
                if total >= slots + share { throw Busy() }
            }
            counts[client] = mine + 1
            inFlight.wrappingAdd(1, ordering: .relaxed)
        }
    }

    /// Counts a request of `client` out.
    func leave(_ client: String) {
        perClient.withLock { counts in
            inFlight.wrappingSubtract(1, ordering: .relaxed)
            counts[client, default: 1] -= 1
            if counts[client] == 0 { counts[client] = nil }
        }
    }

    /// passlib writes `$2b$` (and PHP `$2y$`, the same algorithm); the C bcrypt knows `$2a$`/`$2b$`.
    private static func bcryptForm(of hash: String) -> String? {
        if hash.hasPrefix("$2a$") || hash.hasPrefix("$2b$") { return hash }
        if hash.hasPrefix("$2y$") { return "$2b$" + hash.dropFirst(4) }
        return nil
    }
}
