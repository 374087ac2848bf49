import Foundation
import Storage
import Testing
import TestSupport

/// Throttling counters on every backend. Time is passed in, never slept through.
@Suite("RateLimitStorage contract")
struct RateLimitStorageContractTests {
    private static let start = Timestamp.date(fromMilliseconds: 1_800_000_000_000)
    private static func at(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }

    @Test("a window opens at the first event, counts, and starts again after it ends", arguments: Backend.allCases)
    func windows(_ backend: Backend) async throws {
        try await withDatabase(backend) { storage async throws in
            let minute = Duration.seconds(60)
            #expect(try await storage.count([("a", minute)], now: Self.at(0)) == ["a": RateCount(count: 1, windowEnd: Self.at(60))])
            #expect(try await storage.count([("a", minute)], now: Self.at(30))["a"] == RateCount(count: 2, windowEnd: Self.at(60)))
            #expect(try await storage.counts(["a", "b"], now: Self.at(59)) == ["a": RateCount(count: 2, windowEnd: Self.at(60))])
            #expect(try await storage.counts(["a"], now: Self.at(60)).isEmpty)
            #expect(try await storage.count([("a", minute)], now: Self.at(61))["a"] == RateCount(count: 1, windowEnd: Self.at(121)))
        }
    }

    @Test("several keys, each with its own window, in one call; reset forgets one", arguments: Backend.allCases)
    func severalKeys(_ backend: Backend) async throws {
        try await withDatabase(backend) { storage async throws in
            let both: [(key: String, window: Duration)] = [("short", .seconds(10)), ("long", .seconds(3600))]
            _ = try await storage.count(both, now: Self.at(0))
            let after = try await storage.count(both, now: Self.at(5))
            #expect(after == ["short": RateCount(count: 2, windowEnd: Self.at(10)), "long": RateCount(count: 2, windowEnd: Self.at(3600))])
            try await storage.reset("long")
            #expect(try await storage.counts(["short", "long"], now: Self.at(6)).keys.sorted() == ["short"])
        }
    }

    @Test("concurrent events are all counted", arguments: Backend.allCases)
    func concurrency(_ backend: Backend) async throws {
        try await withDatabase(backend) { storage async throws in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<20 { group.addTask { _ = try await storage.count([("busy", .seconds(60))], now: Self.at(1)) } }
                try await group.waitForAll()
            }
            #expect(try await storage.counts(["busy"], now: Self.at(2))["busy"]?.count == 20)
        }
    }

    @Test("sweeping deletes closed windows only", arguments: Backend.allCases)
    func sweeping(_ backend: Backend) async throws {
        try await withDatabase(backend) { storage async throws in
            _ = try await storage.count([("old", .seconds(10)), ("new", .seconds(100))], now: Self.at(0))
            #expect(try await storage.sweepRateLimits(now: Self.at(50)) == 1)
            #expect(try await storage.counts(["old", "new"], now: Self.at(50)).keys.sorted() == ["new"])
        }
    }

    @Test("a compare-and-set hash update applies only over the expected hash", arguments: Backend.allCases)
    func compareAndSet(_ backend: Backend) async throws {
        try await withDatabase(backend) { storage async throws in
            let user = try await storage.create(NewUser(username: "cas", email: "cas@example.com", passwordHash: "old"))
            _ = try await storage.update(id: user.id, UserUpdate(passwordHash: "changed", revokesTokens: true))
            await #expect(throws: StorageError.notFound) {
                try await storage.update(id: user.id, UserUpdate(passwordHash: "rehashed old", expectedPasswordHash: "old"))
            }
            #expect(try await storage.find(id: user.id)?.passwordHash == "changed")
            let rehashed = try await storage.update(id: user.id, UserUpdate(passwordHash: "rehashed", expectedPasswordHash: "changed"))
            #expect(rehashed.passwordHash == "rehashed")
        }
    }
}
