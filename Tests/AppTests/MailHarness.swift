@testable import App
import Foundation
import HummingbirdTesting
import Storage
import Synchronization
import Testing
import TestSupport

/// The service wired to a real SMTP sink on loopback, and a clock the test moves.
enum MailHarness {
    /// Runs `body` with the service delivering to a fresh sink; returns every message the
    /// sink accepted, once the service (and so its courier) has stopped.
    @discardableResult
    static func withApp(
        _ backend: Backend, refusing: Int = 0, clock: TestClock = TestClock(),
        configure: @escaping (inout AppConfiguration) -> Void = { _ in },
        _ body: @escaping @Sendable (any TestClientProtocol, SMTPSink, any UserDatabase) async throws -> Void
    ) async throws -> [SMTPSink.Message] {
        try await SMTPSink.with(refusing: refusing) { sink in
            try await AppHarness.withApp(backend, configure: { configuration in
                configuration.smtp = try? SMTPEndpoint(parsing: sink.url)
                configuration.mailFrom = "Auth Tests <auth@tests.example>"
                configuration.publicURL = "https://auth.example.com"
                configuration.now = clock.read
                configure(&configuration)
            }) { client, database in try await body(client, sink, database) }
        }.received
    }

    /// The path and query of a mailed link, for the in-process client.
    static func path(of link: String?) throws -> String {
        let url = try #require(link.flatMap(URLComponents.init(string:)))
        #expect(url.scheme == "https" && url.host == "auth.example.com")
        return url.path + "?" + (url.percentEncodedQuery ?? "")
    }

    /// The `token` parameter of a mailed link.
    static func token(of link: String?) throws -> String {
        let url = try #require(link.flatMap(URLComponents.init(string:)))
        return try #require(url.queryItems?.first { $0.name == "token" }?.value)
    }
}

/// A clock that stands still until the test moves it.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date()) { current = Mutex(start) }

    var read: @Sendable () -> Date { { self.current.withLock { $0 } } }

    func advance(_ seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}
