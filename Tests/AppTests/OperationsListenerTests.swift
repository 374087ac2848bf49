@testable import App
import Foundation
import HTTPTypes
import HummingbirdTesting
import Storage
import Synchronization
import Testing
import TestSupport

/// `/ready` and `/metrics` on a listener of their own, and a readiness check that a flood of
/// probes cannot multiply.
@Suite("Operations listener", .timeLimit(.minutes(3)))
struct OperationsListenerTests {
    @Test("with OPS_PORT, /ready and /metrics move to the operations listener; /health is on both", arguments: Backend.allCases)
    func separateListener(_ backend: Backend) async throws {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        try await AppHarness.withApp(backend, configure: { configuration in
            configuration.opsPort = 0
            configuration.onOpsListening = { continuation.yield($0) }
        }) { client, _ in
            #expect(try await client.send(.get, "/health").status == .ok)
            #expect(try await client.send(.get, "/ready").status == .notFound)
            #expect(try await client.send(.get, "/metrics").status == .notFound)
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let curl = { (path: String) in
                try await ProcessResult.run("/usr/bin/curl", ["-s", "--max-time", "60", "-w", "\n%{http_code}", "http://127.0.0.1:\(port)\(path)"]).stdout
            }
            #expect(try await curl("/ready").hasSuffix("\n200"))
            #expect(try await curl("/health").hasSuffix("\n200"))
            let metrics = try await curl("/metrics")
            #expect(metrics.hasSuffix("\n200") && metrics.contains("db_pool_connections"))
            #expect(try await curl("/users/me").hasSuffix("\n404"))
            // The container health check (a blocking probe, so off the cooperative pool).
            #expect(try await offCooperativePool { HealthProbe.check(port: port, tls: false) })
        }
    }

    @Test("the readiness check runs once however many probes arrive within its lifetime")
    func readinessCache() async throws {
        let runs = Atomic<Int>(0)
        let cache = ReadinessCache(lifetime: .seconds(600)) { runs.add(1, ordering: .relaxed) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<100 { group.addTask { try await cache.run() } }
            try await group.waitForAll()
        }
        #expect(runs.load(ordering: .relaxed) == 1)
        let uncached = ReadinessCache(lifetime: .zero) { runs.add(1, ordering: .relaxed) }
        for _ in 0..<3 { try await uncached.run() }
        #expect(runs.load(ordering: .relaxed) == 4)
        let failing = ReadinessCache(lifetime: .seconds(600)) { throw APIError.unavailable("down") }
        for _ in 0..<2 { await #expect(throws: APIError.self) { try await failing.run() } }
    }
}
