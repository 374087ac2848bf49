import Foundation
import Storage
import Testing
import TestSupport

/// The behaviour every backend must share for sessions and refresh tokens. Time is passed
/// in, so expiry is tested by moving `now`, never by sleeping.
@Suite("SessionStorage contract")
struct SessionStorageContractTests {
    private static let start = Timestamp.date(fromMilliseconds: 1_800_000_000_000)
    private static let refresh = Duration.seconds(14 * 86_400)
    private static let maximum = Duration.seconds(90 * 86_400)

    private static func later(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }

    private static func user(_ storage: any UserDatabase, _ name: String = "sam") async throws -> User {
        try await storage.create(NewUser(username: name, email: "\(name)@example.com", passwordHash: "h"))
    }

    private static func login(_ storage: any UserDatabase, _ user: User, id: String = "s1", token: String = "t1", at now: Date = start) async throws -> Session {
        try await storage.createSession(NewSession(
            id: id, userID: user.id, refreshTokenHash: token, refreshLifetime: refresh, maxLifetime: maximum,
            userAgent: "curl/8", ip: "203.0.113.9", now: now))
    }

    @Test("concurrent token checks (gathered into batches where the backend pipelines) each get their own answer", arguments: Backend.allCases)
    func concurrentChecks(_ backend: Backend) async throws {
        try await withDatabase(backend) { storage in
            var users: [User] = []
            for index in 0..<4 {
                let user = try await Self.user(storage, "user\(index)")
                _ = try await Self.login(storage, user, id: "s\(index)", token: "t\(index)")
                users.append(user)
            }
            let checks = (0..<96).map { (user: users[$0 % 4], session: "s\($0 % 8)") }
            let answers = try await withThrowingTaskGroup(of: (Int, AuthenticatedUser?).self) { group in
                for (index, check) in checks.enumerated() {
                    group.addTask { (index, try await storage.find(id: check.user.id, session: check.session, now: Self.later(60))) }
                }
                return try await group.reduce(into: [Int: AuthenticatedUser?]()) { $0[$1.0] = $1.1 }
            }
            for (index, check) in checks.enumerated() {
                #expect(answers[index] == AuthenticatedUser(user: check.user, sessionIsActive: check.session == "s\(index % 4)"))
            }
            #expect(try await storage.find(id: 999, session: "s0", now: Self.later(60)) == nil)
        }
    }

    @Test("a login creates an active session that the user read sees", arguments: Backend.allCases)
    func creation(_ backend: Backend) async throws {
        try await withDatabase(backend) { storage in
            let user = try await Self.user(storage)
            let session = try await Self.login(storage, user)
            #expect(session.userID == user.id && session.userAgent == "curl/8" && session.ip == "203.0.113.9")
            #expect(session.createdAt == Self.start && session.authTime == Self.start && session.lastUsedAt == Self.start)
            #expect(session.expiresAt == Self.start.addingTimeInterval(14 * 86_400))
            #expect(try await storage.find(id: user.id, session: "s1", now: Self.later(60)) == AuthenticatedUser(user: user, sessionIsActive: true))
            #expect(try await storage.find(id: user.id, session: "nope", now: Self.later(60))?.sessionIsActive == false)
            #expect(try await storage.activeSessions(userID: user.id, now: Self.later(60)) == [session])
            await #expect(throws: StorageError.self) {
                _ = try await Self.login(storage, User(id: 999, username: "x", email: "x", passwordHash: "h", createdAt: Date(), updatedAt: Date()), id: "s2", token: "t2")
            }
        }
    }

    @Test("rotation spends the token, stores the new one and extends the session", arguments: Backend.allCases)
    func rotation(_ backend: Backend) async throws {
        try await withDatabase(backend) { storage in
            let user = try await Self.user(storage)
            _ = try await Self.login(storage, user)
            let first = try await storage.rotateRefreshToken(hash: "t1", newHash: "t2", refreshLifetime: Self.refresh, now: Self.later(3600))
            guard case .rotated(let session, let owner) = first else { Issue.record("expected rotation, got \(first)"); return }
            #expect(owner == user && session.id == "s1")
            #expect(session.lastUsedAt == Self.later(3600) && session.authTime == Self.start)
            #expect(session.expiresAt == Self.later(3600 + 14 * 86_400))
            let second = try await storage.rotateRefreshToken(hash: "t2", newHash: "t3", refreshLifetime: Self.refresh, now: Self.later(7200))
            guard case .rotated = second else { Issue.record("expected rotation, got \(second)"); return }
            #expect(try await storage.rotateRefreshToken(hash: "unknown", newHash: "t9", refreshLifetime: Self.refresh, now: Self.later(7200)) == .invalid)
        }
    }

    @Test("a spent token presented again revokes the whole session", arguments: Backend.allCases)
    func reuse(_ backend: Backend) async throws {
        try await withDatabase(backend) { storage in
            let user = try await Self.user(storage)
            _ = try await Self.login(storage, user)
            _ = try await storage.rotateRefreshToken(hash: "t1", newHash: "t2", refreshLifetime: Self.refresh, now: Self.later(10))
            #expect(try await storage.rotateRefreshToken(hash: "t1", newHash: "t3", refreshLifetime: Self.refresh, now: Self.later(20)) == .reused(sessionID: "s1", userID: user.id))
            #expect(try await storage.find(id: user.id, session: "s1", now: Self.later(30))?.sessionIsActive == false)
            // The thief's (or the owner's) current token died with the session.
            #expect(try await storage.rotateRefreshToken(hash: "t2", newHash: "t4", refreshLifetime: Self.refresh, now: Self.later(40)) == .invalid)
        }
    }

    @Test("concurrent exchanges of one token: exactly one rotates, the rest are reuse", arguments: Backend.allCases)
    func concurrentRefresh(_ backend: Backend) async throws {
        try await withDatabase(backend) { storage in
            let user = try await Self.user(storage)
            _ = try await Self.login(storage, user)
            let outcomes = try await withThrowingTaskGroup(of: RefreshOutcome.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        try await storage.rotateRefreshToken(hash: "t1", newHash: "n\(index)", refreshLifetime: Self.refresh, now: Self.later(10))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let rotated = outcomes.filter { if case .rotated = $0 { true } else { false } }
            #expect(rotated.count == 1)
            #expect(outcomes.filter { $0 == .reused(sessionID: "s1", userID: user.id) }.count == 7)
            #expect(try await storage.find(id: user.id, session: "s1", now: Self.later(20))?.sessionIsActive == false)
        }
    }

    @Test("sessions expire: refresh lifetime, and the hard limit whatever the refreshes", arguments: Backend.allCases)
    func expiry(_ backend: Backend) async throws {
        try await withDatabase(backend) { storage in
            let user = try await Self.user(storage)
            _ = try await Self.login(storage, user, id: "idle", token: "i1")
            let pastRefresh = Self.later(14 * 86_400 + 1)
            #expect(try await storage.find(id: user.id, session: "idle", now: pastRefresh)?.sessionIsActive == false)
            #expect(try await storage.rotateRefreshToken(hash: "i1", newHash: "i2", refreshLifetime: Self.refresh, now: pastRefresh) == .invalid)
            #expect(try await storage.activeSessions(userID: user.id, now: pastRefresh).isEmpty)
            _ = try await Self.login(storage, user, id: "busy", token: "b0")
            var token = "b0"
            for day in stride(from: 10, through: 80, by: 10) {
                let outcome = try await storage.rotateRefreshToken(hash: token, newHash: "b\(day)", refreshLifetime: Self.refresh, now: Self.later(Double(day) * 86_400))
                guard case .rotated(let session, _) = outcome else { Issue.record("day \(day): \(outcome)"); return }
                #expect(session.expiresAt == Self.later(Double(min(day + 14, 90)) * 86_400))
                token = "b\(day)"
            }
            #expect(try await storage.rotateRefreshToken(hash: token, newHash: "late", refreshLifetime: Self.refresh, now: Self.later(90 * 86_400 + 1)) == .invalid)
        }
    }

    @Test("revocation: one session, all but one, and never another user's", arguments: Backend.allCases)
    func revocation(_ backend: Backend) async throws {
        try await withDatabase(backend) { storage in
            let sam = try await Self.user(storage), eve = try await Self.user(storage, "eve")
            for index in 1...3 { _ = try await Self.login(storage, sam, id: "sam\(index)", token: "st\(index)") }
            _ = try await Self.login(storage, eve, id: "eve1", token: "et1")
            #expect(try await storage.revokeSession(id: "eve1", userID: sam.id, now: Self.later(1)) == false)
            #expect(try await storage.revokeSession(id: "sam1", userID: sam.id, now: Self.later(1)))
            #expect(try await storage.revokeSession(id: "sam1", userID: sam.id, now: Self.later(2)) == false)
            #expect(try await storage.revokeSessions(userID: sam.id, except: "sam3", now: Self.later(3)) == 1)
            #expect(try await storage.activeSessions(userID: sam.id, now: Self.later(4)).map(\.id) == ["sam3"])
            #expect(try await storage.activeSessions(userID: eve.id, now: Self.later(4)).map(\.id) == ["eve1"])
            _ = try await storage.update(id: sam.id, UserUpdate(passwordHash: "new", revokesTokens: true))
            #expect(try await storage.activeSessions(userID: sam.id, now: Self.later(5)).isEmpty)
            #expect(try await storage.activeSessions(userID: eve.id, now: Self.later(5)).count == 1)
        }
    }

    @Test("sweeping removes expired and revoked sessions with their tokens", arguments: Backend.allCases)
    func sweeping(_ backend: Backend) async throws {
        try await withDatabase(backend) { storage in
            let user = try await Self.user(storage)
            _ = try await Self.login(storage, user, id: "old", token: "o1")
            _ = try await Self.login(storage, user, id: "gone", token: "g1", at: Self.later(10 * 86_400))
            _ = try await Self.login(storage, user, id: "live", token: "l1", at: Self.later(10 * 86_400))
            _ = try await storage.revokeSession(id: "gone", userID: user.id, now: Self.later(10 * 86_400))
            #expect(try await storage.sweepSessions(now: Self.later(15 * 86_400)) == 2)
            #expect(try await storage.sweepSessions(now: Self.later(15 * 86_400)) == 0)
            #expect(try await storage.activeSessions(userID: user.id, now: Self.later(15 * 86_400)).map(\.id) == ["live"])
            #expect(try await storage.rotateRefreshToken(hash: "o1", newHash: "o2", refreshLifetime: Self.refresh, now: Self.later(15 * 86_400)) == .invalid)
        }
    }

    @Test("deleting a user deletes their sessions and refresh tokens", arguments: Backend.allCases)
    func cascade(_ backend: Backend) async throws {
        try await withDatabase(backend) { storage in
            let user = try await Self.user(storage)
            _ = try await Self.login(storage, user)
            _ = try await storage.delete(id: user.id)
            #expect(try await storage.find(id: user.id, session: "s1", now: Self.later(1)) == nil)
            #expect(try await storage.activeSessions(userID: user.id, now: Self.later(1)).isEmpty)
            #expect(try await storage.rotateRefreshToken(hash: "t1", newHash: "t2", refreshLifetime: Self.refresh, now: Self.later(1)) == .invalid)
            #expect(try await storage.sweepSessions(now: Self.later(1)) == 0)
        }
    }
}
