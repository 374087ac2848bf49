import Foundation
import Storage
import Testing
import TestSupport

/// The outbox as couriers use it, on every backend. Time is passed in, never slept through.
@Suite("OutboxStorage contract")
struct OutboxStorageContractTests {
    private static let start = AccountStorageContractTests.start
    private static func at(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }
    private static let lease = Duration.seconds(60)

    private static func enqueue(_ storage: any UserDatabase, _ ids: [String]) async throws {
        let user = try await storage.create(NewUser(username: "sam", email: "sam@example.com", passwordHash: "h"))
        try await storage.issue(AccountEffects(mail: ids.map { AccountStorageContractTests.mail($0) }), userID: user.id)
    }

    @Test("a claim is a lease: others see the message again only when it ends", arguments: Backend.allCases)
    func lease(_ backend: Backend) async throws {
        try await withDatabase(backend) { storage async throws in
            try await Self.enqueue(storage, ["m1"])
            let claimed = try await storage.claimMail(limit: 10, lease: Self.lease, now: Self.at(1))
            #expect(claimed == [OutboxMessage(mail: AccountStorageContractTests.mail("m1"), attempts: 1)])
            #expect(try await storage.claimMail(limit: 10, lease: Self.lease, now: Self.at(60)).isEmpty)
            #expect(try await storage.claimMail(limit: 10, lease: Self.lease, now: Self.at(61)).map(\.attempts) == [2])
        }
    }

    @Test("a retry is due again at its time; sent and failed messages leave the queue", arguments: Backend.allCases)
    func settling(_ backend: Backend) async throws {
        try await withDatabase(backend) { storage async throws in
            try await Self.enqueue(storage, ["m1", "m2", "m3"])
            let claimed = try await storage.claimMail(limit: 10, lease: Self.lease, now: Self.at(1))
            #expect(claimed.map(\.mail.id) == ["m1", "m2", "m3"])
            try await storage.markSent(id: "m1", now: Self.at(2))
            try await storage.failMail(id: "m2", error: "550 no such user")
            try await storage.retryMail(id: "m3", at: Self.at(30), error: "451 try later")
            #expect(try await storage.outboxStatistics() == OutboxStatistics(pending: 1, failed: 1, oldestPending: Self.start))
            #expect(try await storage.claimMail(limit: 10, lease: Self.lease, now: Self.at(29)).isEmpty)
            let again = try await storage.claimMail(limit: 10, lease: Self.lease, now: Self.at(30))
            #expect(again.map(\.mail.id) == ["m3"] && again.first?.attempts == 2)
            await #expect(throws: StorageError.notFound) { try await storage.markSent(id: "nope", now: Self.at(31)) }
            #expect(try await storage.sweepOutbox(settledBefore: Self.at(1)) == 1)
            #expect(try await storage.sweepOutbox(settledBefore: Self.at(2)) == 1)
            #expect(try await storage.outboxStatistics() == OutboxStatistics(pending: 1, failed: 0, oldestPending: Self.start))
        }
    }

    @Test("claims from two connections at once never share a message", arguments: Backend.allCases)
    func concurrentClaims(_ backend: Backend) async throws {
        try await withTestDatabase(backend) { database in
            try await database.withOpen { one in
                let ids = (0..<40).map { String(format: "m%02d", $0) }
                try await Self.enqueue(one, ids)
                // A second handle on the same database (the same handle for in-memory SQLite).
                try await database.withSecondHandle(beside: one) { two in
                    async let first = Self.drain(one)
                    async let second = Self.drain(two)
                    let all = try await first + second
                    #expect(all.sorted() == ids)
                }
            }
        }
    }

    /// Claims in small batches until nothing is due, returning every id claimed.
    private static func drain(_ storage: any UserDatabase) async throws -> [String] {
        var ids: [String] = []
        while case let batch = try await storage.claimMail(limit: 3, lease: lease, now: at(1)), !batch.isEmpty {
            ids += batch.map(\.mail.id)
        }
        return ids
    }
}
