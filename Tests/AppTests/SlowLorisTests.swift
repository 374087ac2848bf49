@testable import App
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import NIOPosix
import Settings
import Storage
import Testing
import TestSupport

/// Connections that send half a request and then nothing.
@Suite("Slow clients", .timeLimit(.minutes(3)))
struct SlowLorisTests {
    @Test("half-sent requests neither stop other clients nor outlive the idle timeout")
    func slowLoris() async throws {
        try await withDatabase(.sqliteMemory) { database in
            let configuration = AppHarness.configuration { $0.idleTimeoutSeconds = 2 }
            let app = try await buildApplication(configuration, database: database)
            try await app.test(.live) { client in
                let port = try #require(client.port)
                var held: [any Channel] = []
                for _ in 0..<50 {
                    let channel = try await ClientBootstrap(group: NIOSingletons.posixEventLoopGroup).connect(host: "localhost", port: port).get()
                    // On a loaded machine the server may already have closed an early one: that is the point.
                    try? await channel.writeAndFlush(ByteBuffer(string: "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: 1")).get()
                    held.append(channel)
                }
                // Others are served meanwhile (curl: the test client's own connection may have idled out).
                #expect(try await Self.health(port) == "200")
                // The server closes every one of them at the idle timeout (else the time limit fails the test).
                for channel in held { try await channel.closeFuture.get() }
                #expect(try await Self.health(port) == "200")
            }
        }
    }

    private static func health(_ port: Int) async throws -> String {
        try await ProcessResult.run("/usr/bin/curl", ["-s", "--max-time", "60", "-o", "/dev/null", "-w", "%{http_code}", "http://localhost:\(port)/health"]).stdout
    }

    @Test("HTTP_IDLE_TIMEOUT_SECONDS and MAX_CONNECTIONS are read, 60 and 4096 by default")
    func settings() throws {
        let defaults = AppConfiguration(secretKey: AppHarness.secret)
        #expect(defaults.idleTimeoutSeconds == 60 && defaults.maxConnections == 4096)
        let settings = try AppConfiguration(settings: .init(
            environment: ["SECRET_KEY": AppHarness.secret, "HTTP_IDLE_TIMEOUT_SECONDS": "5", "MAX_CONNECTIONS": "10"], dotEnvPath: "/nonexistent/.env"))
        #expect(settings.idleTimeoutSeconds == 5 && settings.maxConnections == 10)
    }
}
