@testable import App
import Foundation
import Logging
import Storage
import Testing
import TestSupport

/// The courier against a real SMTP server: retries, giving up, and two couriers on one
/// outbox. Rounds are driven by hand (`deliverDue()`), so nothing waits on a clock.
@Suite("Courier")
struct CourierTests {
    private static func courier(_ storage: any OutboxStorage, _ sink: SMTPSink, _ policy: CourierPolicy = CourierPolicy()) throws -> Courier {
        Courier(
            storage: storage, transport: SMTPTransport(endpoint: try SMTPEndpoint(parsing: sink.url)),
            sender: MailSender("Tests <tests@example.com>"), policy: policy, wakeup: MailWakeup(), metrics: AppMetrics(),
            logger: Logger(label: "courier-test"))
    }

    private static func enqueue(_ storage: any UserDatabase, count: Int) async throws -> [String] {
        let user = try await storage.create(NewUser(username: "sam", email: "sam@example.com", passwordHash: "h"))
        let mail = (0..<count).map { index in
            OutgoingMail(
                id: "m\(index)", messageID: "<m\(index)@example.com>", recipient: "sam@example.com", subject: "Héllo \(index)",
                text: "text \(index)", html: "<p>\(index)</p>", createdAt: Date())
        }
        try await storage.issue(AccountEffects(mail: mail), userID: user.id)
        return mail.map(\.messageID)
    }

    @Test("a refused message is retried until the server takes it, and delivered once", arguments: Backend.allCases)
    func retryUntilAccepted(_ backend: Backend) async throws {
        let (_, received) = try await SMTPSink.with(refusing: 2) { sink in
            try await withDatabase(backend) { storage async throws in
                _ = try await Self.enqueue(storage, count: 1)
                var policy = CourierPolicy()
                policy.baseDelay = .zero
                let courier = try Self.courier(storage, sink, policy)
                for round in 1...2 {
                    await courier.deliverDue()
                    #expect(await sink.refusals(reaching: round) == round)
                }
                await courier.deliverDue()
                #expect(await sink.messages(1).map(\.messageID) == ["<m0@example.com>"])
                // Every refusal was printed before the accepted message.
                #expect(await sink.refusals(reaching: 0) == 2)
                await courier.transport.shutdown()
                #expect(try await storage.outboxStatistics() == OutboxStatistics(pending: 0, failed: 0, oldestPending: nil))
            }
        }
        #expect(received.map(\.messageID) == ["<m0@example.com>"])
        #expect(received.first?.subject == "Héllo 0")
        #expect(received.first?.text.hasPrefix("text 0") == true)
    }

    @Test("after the last attempt a message is marked failed", arguments: Backend.allCases)
    func givesUp(_ backend: Backend) async throws {
        let (_, received) = try await SMTPSink.with(refusing: 5) { sink in
            try await withDatabase(backend) { storage async throws in
                _ = try await Self.enqueue(storage, count: 1)
                var policy = CourierPolicy()
                (policy.baseDelay, policy.maxAttempts) = (.zero, 2)
                let courier = try Self.courier(storage, sink, policy)
                await courier.deliverDue()
                #expect(try await storage.outboxStatistics().pending == 1)
                await courier.deliverDue()
                await courier.deliverDue()
                await courier.transport.shutdown()
                #expect(await sink.refusals(reaching: 2) == 2)
                #expect(try await storage.outboxStatistics() == OutboxStatistics(pending: 0, failed: 1, oldestPending: nil))
            }
        }
        #expect(received.isEmpty)
    }

    @Test("two couriers on one outbox at once: every message delivered exactly once", arguments: Backend.allCases)
    func twoCouriers(_ backend: Backend) async throws {
        let (expected, received) = try await SMTPSink.with { sink in
            try await withTestDatabase(backend) { database in
                try await database.withOpen { one in
                    let ids = try await Self.enqueue(one, count: 24)
                    try await database.withSecondHandle(beside: one) { two in
                        var policy = CourierPolicy()
                        policy.batchSize = 3
                        let (first, second) = (try Self.courier(one, sink, policy), try Self.courier(two, sink, policy))
                        async let a: Void = first.deliverDue()
                        async let b: Void = second.deliverDue()
                        _ = await (a, b)
                        await first.transport.shutdown()
                        await second.transport.shutdown()
                    }
                    #expect(try await one.outboxStatistics().pending == 0)
                    return ids
                }
            }
        }
        #expect(received.count == expected.count)
        #expect(received.map(\.messageID).sorted() == expected.sorted())
    }

    @Test("starttls=required refuses a server that does not offer STARTTLS, and sends nothing")
    func startTLSRequired() async throws {
        let (_, received) = try await SMTPSink.with { sink in
            let transport = SMTPTransport(endpoint: try SMTPEndpoint(parsing: sink.url + "?starttls=required"))
            let mail = OutgoingMail(id: "m", messageID: "<m@x>", recipient: "a@example.com", subject: "s", text: "t", html: "h", createdAt: Date())
            let error = await #expect(throws: MailDeliveryError.self) { try await transport.send(mail, from: MailSender("b@example.com")) }
            #expect(error?.permanent == false)
            await transport.shutdown()
        }
        #expect(received.isEmpty)
    }

    @Test("backoff doubles from the base, stays under the cap, and is jittered over its upper half")
    func backoff() {
        var policy = CourierPolicy()
        (policy.baseDelay, policy.maxDelay) = (.seconds(5), .seconds(60))
        #expect(policy.delay(afterAttempt: 1, random: 1) == .seconds(5))
        #expect(policy.delay(afterAttempt: 3, random: 1) == .seconds(20))
        #expect(policy.delay(afterAttempt: 3, random: 0.5) == .seconds(10))
        #expect(policy.delay(afterAttempt: 30, random: 1) == .seconds(60))
    }
}
