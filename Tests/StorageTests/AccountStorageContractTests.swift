import Foundation
import Storage
import Testing
import TestSupport

/// Mailed account tokens and the writes that go with them, on every backend. Time is passed
/// in, never slept through.
@Suite("AccountStorage contract")
struct AccountStorageContractTests {
    static let start = Timestamp.date(fromMilliseconds: 1_800_000_000_000)
    static func at(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }

    static func token(_ hash: String, _ purpose: AccountTokenPurpose, _ email: String, lifetime: Double = 600) -> NewAccountToken {
        NewAccountToken(hash: hash, purpose: purpose, email: email, createdAt: start, expiresAt: at(lifetime))
    }

    static func mail(_ id: String, to recipient: String = "sam@example.com") -> OutgoingMail {
        OutgoingMail(
            id: id, messageID: "<\(id)@example.com>", recipient: recipient, subject: "Subject \(id)", text: "text \(id)",
            html: "<p>\(id)</p>", createdAt: start)
    }

    static let sam = NewUser(username: "sam", email: "Sam@Example.com", passwordHash: "h")

    @Test("registering stores the verification token and the mail with the user", arguments: Backend.allCases)
    func register(_ backend: Backend) async throws {
        try await withDatabase(backend) { storage async throws in
            let effects = AccountEffects(token: Self.token("v1", .emailVerify, "Sam@Example.com"), mail: [Self.mail("m1")])
            let user = try await storage.create(Self.sam, with: effects)
            #expect(!user.emailVerified)
            #expect(try await storage.outboxStatistics() == OutboxStatistics(pending: 1, failed: 0, oldestPending: Self.start))
            #expect(try await storage.tokenOwner(hash: "v1", purpose: .emailVerify, now: Self.at(1))?.id == user.id)
            #expect(try await storage.tokenOwner(hash: "v1", purpose: .passwordReset, now: Self.at(1)) == nil)
            let verified = try await storage.redeem(hash: "v1", purpose: .emailVerify, now: Self.at(2), update: UserUpdate(emailVerified: true))
            #expect(verified?.emailVerified == true && verified?.id == user.id)
            #expect(try await storage.find(id: user.id)?.emailVerified == true)
            #expect(try await storage.redeem(hash: "v1", purpose: .emailVerify, now: Self.at(3), update: UserUpdate(emailVerified: true)) == nil)
        }
    }

    @Test("a token is refused once expired, and a new one supersedes the old", arguments: Backend.allCases)
    func expiryAndSupersession(_ backend: Backend) async throws {
        try await withDatabase(backend) { storage async throws in
            let user = try await storage.create(Self.sam)
            try await storage.issue(AccountEffects(token: Self.token("r1", .passwordReset, user.email)), userID: user.id)
            #expect(try await storage.tokenOwner(hash: "r1", purpose: .passwordReset, now: Self.at(599)) != nil)
            #expect(try await storage.tokenOwner(hash: "r1", purpose: .passwordReset, now: Self.at(600)) == nil)
            #expect(try await storage.redeem(hash: "r1", purpose: .passwordReset, now: Self.at(600), update: UserUpdate()) == nil)
            try await storage.issue(AccountEffects(token: Self.token("r2", .passwordReset, user.email)), userID: user.id)
            #expect(try await storage.tokenOwner(hash: "r1", purpose: .passwordReset, now: Self.at(1)) == nil)
            #expect(try await storage.tokenOwner(hash: "r2", purpose: .passwordReset, now: Self.at(1))?.id == user.id)
            await #expect(throws: StorageError.self) {
                try await storage.issue(AccountEffects(token: Self.token("r3", .passwordReset, "x@example.com")), userID: 999)
            }
        }
    }

    @Test("a reset sets the password, verifies the email, revokes sessions and spends every reset token", arguments: Backend.allCases)
    func reset(_ backend: Backend) async throws {
        try await withDatabase(backend) { storage async throws in
            let user = try await storage.create(Self.sam)
            _ = try await storage.createSession(NewSession(
                id: "s1", userID: user.id, refreshTokenHash: "rt", refreshLifetime: .seconds(3600), maxLifetime: .seconds(7200),
                userAgent: nil, ip: nil, now: Self.start))
            try await storage.issue(AccountEffects(token: Self.token("r1", .passwordReset, user.email)), userID: user.id)
            let change = UserUpdate(passwordHash: "new", revokesTokens: true, emailVerified: true)
            let reset = try #require(try await storage.redeem(hash: "r1", purpose: .passwordReset, now: Self.at(5), update: change))
            #expect(reset.passwordHash == "new" && reset.emailVerified && reset.tokenVersion == user.tokenVersion + 1)
            #expect(try await storage.find(id: user.id, session: "s1", now: Self.at(6))?.sessionIsActive == false)
            #expect(try await storage.redeem(hash: "r1", purpose: .passwordReset, now: Self.at(6), update: change) == nil)
        }
    }

    @Test("a verification link verifies only the address it was sent to", arguments: Backend.allCases)
    func verificationFollowsTheAddress(_ backend: Backend) async throws {
        try await withDatabase(backend) { storage async throws in
            let user = try await storage.create(Self.sam, with: AccountEffects(token: Self.token("v1", .emailVerify, "sam@example.com")))
            let change = UserUpdate(email: "new@example.com", emailVerified: false)
            let effects = AccountEffects(
                token: Self.token("v2", .emailVerify, "new@example.com"),
                mail: [Self.mail("m1", to: "new@example.com"), Self.mail("m2", to: "Sam@Example.com")])
            let changed = try await storage.update(id: user.id, change, with: effects)
            #expect(changed.email == "new@example.com" && !changed.emailVerified)
            #expect(try await storage.outboxStatistics().pending == 2)
            #expect(try await storage.redeem(hash: "v1", purpose: .emailVerify, now: Self.at(1), update: UserUpdate(emailVerified: true)) == nil)
            #expect(try await storage.redeem(hash: "v2", purpose: .emailVerify, now: Self.at(1), update: UserUpdate(emailVerified: true))?.emailVerified == true)
        }
    }

    @Test("a change whose mail cannot be written rolls back whole: no user, no token, no mail", arguments: Backend.allCases)
    func atomicity(_ backend: Backend) async throws {
        try await withDatabase(backend) { storage async throws in
            let first = try await storage.create(Self.sam, with: AccountEffects(mail: [Self.mail("m1")]))
            // The same outbox id again fails the insert after the user row was written.
            let clash = AccountEffects(token: Self.token("v9", .emailVerify, "kim@example.com"), mail: [Self.mail("m1")])
            let error = await #expect(throws: StorageError.self) {
                _ = try await storage.create(NewUser(username: "kim", email: "kim@example.com", passwordHash: "h"), with: clash)
            }
            #expect(error?.code == .internal)
            #expect(try await storage.find(username: "kim") == nil)
            #expect(try await storage.tokenOwner(hash: "v9", purpose: .emailVerify, now: Self.at(1)) == nil)
            await #expect(throws: StorageError.self) {
                _ = try await storage.update(id: first.id, UserUpdate(email: "other@example.com"), with: clash)
            }
            #expect(try await storage.find(id: first.id)?.email == "Sam@Example.com")
            #expect(try await storage.outboxStatistics().pending == 1)
        }
    }

    @Test("sweeping deletes spent and expired tokens only", arguments: Backend.allCases)
    func sweep(_ backend: Backend) async throws {
        try await withDatabase(backend) { storage async throws in
            let user = try await storage.create(Self.sam)
            try await storage.issue(AccountEffects(token: Self.token("r1", .passwordReset, user.email, lifetime: 10)), userID: user.id)
            try await storage.issue(AccountEffects(token: Self.token("v1", .emailVerify, user.email, lifetime: 100)), userID: user.id)
            #expect(try await storage.sweepAccountTokens(now: Self.at(5)) == 0)
            #expect(try await storage.sweepAccountTokens(now: Self.at(10)) == 1)
            #expect(try await storage.tokenOwner(hash: "v1", purpose: .emailVerify, now: Self.at(11)) != nil)
        }
    }
}
