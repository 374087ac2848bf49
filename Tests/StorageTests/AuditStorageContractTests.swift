import Foundation
import Storage
import Testing
import TestSupport

/// The audit trail on every backend.
@Suite("AuditStorage contract")
struct AuditStorageContractTests {
    private static let start = Timestamp.date(fromMilliseconds: 1_800_000_000_000)
    private static func at(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }

    private static func event(_ type: String, user: Int64?, at seconds: Double, reason: String? = nil) -> AuditEvent {
        AuditEvent(
            id: AuditEvent.makeID(at: at(seconds)), occurredAt: at(seconds), type: type, userID: user, reason: reason,
            client: "203.0.113.7", userAgent: "curl/8", requestID: "r-\(Int(seconds))")
    }

    @Test("events round-trip, newest first, paged with limit and before", arguments: Backend.allCases)
    func paging(_ backend: Backend) async throws {
        try await withDatabase(backend) { storage async throws in
            let events = (0..<5).map { Self.event("login.succeeded", user: 7, at: Double($0)) }
            for event in events.shuffled() { try await storage.record(event) }
            try await storage.record(Self.event("login.failed", user: 8, at: 2, reason: "bad_password"))
            try await storage.record(Self.event("login.failed", user: nil, at: 3, reason: "unknown_user"))
            let first = try await storage.events(userID: 7, before: nil, limit: 2)
            #expect(first == [events[4], events[3]])
            let next = try await storage.events(userID: 7, before: first.last?.id, limit: 10)
            #expect(next == [events[2], events[1], events[0]])
            #expect(try await storage.events(userID: 8, before: nil, limit: 10).map(\.reason) == ["bad_password"])
        }
    }

    @Test("a deleted user's events stay; sweeping removes only old ones", arguments: Backend.allCases)
    func retention(_ backend: Backend) async throws {
        try await withDatabase(backend) { storage async throws in
            let user = try await storage.create(NewUser(username: "sam", email: "sam@example.com", passwordHash: "h"))
            try await storage.record(Self.event("user.registered", user: user.id, at: 0))
            try await storage.record(Self.event("user.deleted", user: user.id, at: 100))
            _ = try await storage.delete(id: user.id)
            #expect(try await storage.events(userID: user.id, before: nil, limit: 10).map(\.type) == ["user.deleted", "user.registered"])
            #expect(try await storage.sweepAuditEvents(before: Self.at(50)) == 1)
            #expect(try await storage.events(userID: user.id, before: nil, limit: 10).map(\.type) == ["user.deleted"])
        }
    }
}
