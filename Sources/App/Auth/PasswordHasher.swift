import HummingbirdBcrypt
import NIOPosix
import Synchronization

/// Hashes and verifies passwords on threads of its own, so token checks and database calls
/// never wait behind it, and refuses work (`Busy`) once `capacity` requests are queued or
/// running, so a login flood gets quick 503s instead of a growing queue.
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
    private let threads: NIOThreadPool
    private let inFlight = Atomic<Int>(0)
    /// Requests queued or running per client, for the fair share.
    private let perClient = Mutex<[String: Int]>([:])
    private let observe: @Sendable (Duration) -> Void
    // Verified against when the user does not exist, so both cases cost the same time.
    private let dummyHash: String

    /// Starts the hasher's threads; `observe` hears how long each hash or verification took.
    static func start(
        parameters: Argon2.Parameters = .owasp, threads count: Int, capacity: Int,
        observe: @escaping @Sendable (Duration) -> Void = { _ in }
    ) async throws -> PasswordHasher {
        Argon2.initialize()
        let threads = NIOThreadPool(numberOfThreads: max(1, count))
        threads.start()
        let dummy = try await threads.runIfActive { try Argon2.hash("dummy password for unknown users", parameters) }
        return PasswordHasher(parameters: parameters, threads: threads, capacity: max(count, capacity), dummyHash: dummy, observe: observe)
    }

    private init(
        parameters: Argon2.Parameters, threads: NIOThreadPool, capacity: Int, dummyHash: String,
        observe: @escaping @Sendable (Duration) -> Void
    ) {
        self.parameters = parameters
        self.threads = threads
        self.capacity = capacity
        self.dummyHash = dummyHash
        self.observe = observe
    }

    /// Requests queued or running right now (for metrics).
    var depth: Int { inFlight.load(ordering: .relaxed) }

    /// How much of the queue one client may hold: a quarter, and at least one slot.
    var clientShare: Int { max(1, capacity / 4) }

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
        guard let client else { return try await run(work) }
        let share = clientShare
        let admitted = perClient.withLock { counts in
            guard counts[client, default: 0] < share else { return false }
            counts[client, default: 0] += 1
            return true
        }
        guard admitted else { throw ClientBusy() }
        defer {
            perClient.withLock { counts in
                counts[client, default: 1] -= 1
                if counts[client] == 0 { counts[client] = nil }
            }
        }
        return try await run(work)
    }

    private func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        let (accepted, _) = inFlight.wrappingAdd(1, ordering: .relaxed)
        defer { inFlight.wrappingSubtract(1, ordering: .relaxed) }
        guard accepted < capacity else { throw Busy() }
        let observe = self.observe
        return try await threads.runIfActive {
            ThreadPriority.lower(to: ThreadPriority.hashing)
            let started = ContinuousClock.now
            defer { observe(ContinuousClock.now - started) }
            return try work()
        }
    }

    /// passlib writes `$2b$` (and PHP `$2y$`, the same algorithm); the C bcrypt knows `$2a$`/`$2b$`.
    private static func bcryptForm(of hash: String) -> String? {
        if hash.hasPrefix("$2a$") || hash.hasPrefix("$2b$") { return hash }
        if hash.hasPrefix("$2y$") { return "$2b$" + hash.dropFirst(4) }
        return nil
    }
}
