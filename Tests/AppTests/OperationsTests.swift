@testable import App
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Storage
import Synchronization
import Testing
import TestSupport

@Suite("Operations: metrics and request ids")
struct OperationsTests {
    @Test("/metrics shows requests, logins, hashing and the pool", arguments: [Backend.sqliteFile, .postgres])
    func metrics(_ backend: Backend) async throws {
        try await AppHarness.withApp(backend) { client, _ in
            try await client.register("metric")
            _ = try await client.login("metric")
            _ = try await client.send(.post, "/users/login", json: ["username": "metric", "password": "not the password"])
            let response = try await client.send(.get, "/metrics")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
            let text = String(buffer: response.body)
            #expect(text.contains(#"http_requests_total{route="/users/register",method="POST",status="201"} 1"#))
            #expect(text.contains(#"http_request_duration_seconds_bucket{route="/users/login",method="POST",status="401""#))
            #expect(text.contains(#"login_attempts_total{result="success"} 1"#))
            #expect(text.contains(#"login_attempts_total{result="failure"} 1"#))
            #expect(text.contains("password_hash_duration_seconds_count 3"))
            #expect(text.contains("password_hash_queue_depth 0"))
            #expect(text.contains(#"db_pool_connections{state="idle"}"#))
            // Requests hold none once answered; the courier and the sweeper may hold one each.
            let inUse = text.split(separator: "\n").first { $0.hasPrefix(#"db_pool_connections{state="in_use"} "#) }
            #expect(inUse.flatMap { Double($0.split(separator: " ").last ?? "") }.map { $0 <= 2 } == true, "\(inUse ?? "none")")
            #expect(text.contains("db_pool_wait_seconds_total"))
            #expect(!text.contains("metric@example.com"))
        }
    }

    @Test("X-Request-ID is echoed, or made up, and reaches the access log")
    func requestID() async throws {
        let logs = CapturedLogs()
        let configuration = AppHarness.configuration()
        try await withDatabase(.sqliteMemory) { database in
            let app = try await buildApplication(configuration, database: database, logger: logs.logger())
            try await app.test(.router) { client in
                let given = try await client.send(.get, "/health", headers: [.requestID: "trace-abc.123"])
                #expect(given.headers[.requestID] == "trace-abc.123")
                let made = try await client.send(.get, "/nope")
                let generated = try #require(made.headers[.requestID])
                #expect(!generated.isEmpty)
                let hostile = try await client.send(.get, "/health", headers: [.requestID: "bad id\u{7f} with spaces"])
                #expect(hostile.headers[.requestID] != "bad id\u{7f} with spaces")
            }
        }
        #expect(logs.all.contains { $0.contains("GET /health 200") && $0.contains("trace-abc.123") })
    }

    @Test("JSON log lines are single JSON objects with the metadata")
    func jsonLogs() throws {
        // The handler writes to a sink of the test's own, never to the process's stdout,
        // which tests running in parallel share.
        let output = Mutex(Data())
        var handler = JSONLogHandler(label: "test", logLevel: .info) { line in output.withLock { $0.append(line) } }
        handler[metadataKey: "request_id"] = "r-1"
        handler.log(event: LogEvent(level: .info, message: "GET /health 200", metadata: ["status": "200"], source: "t", file: #file, function: #function, line: #line))
        let lines = output.withLock { String(decoding: $0, as: UTF8.self) }.split(separator: "\n")
        #expect(lines.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: String])
        #expect(object["message"] == "GET /health 200" && object["request_id"] == "r-1" && object["status"] == "200" && object["level"] == "info")
    }

    @Test("text log lines keep swift-log's stream format, with the metadata sorted and the line's own winning")
    func textLogs() throws {
        let output = Mutex([String]())
        var handler = TextLogHandler(label: "svc", logLevel: .info) { line in output.withLock { $0.append(line) } }
        handler[metadataKey: "request_id"] = "r-1"
        handler[metadataKey: "hb.request.id"] = nil
        handler[metadataKey: "status"] = "100"
        handler.log(event: LogEvent(level: .warning, message: "GET /health 200", metadata: ["status": "200"], source: "App", file: #file, function: #function, line: #line))
        let lines = output.withLock { $0 }
        #expect(lines.count == 1)
        let line = try #require(lines.first)
        #expect(line.hasSuffix(" warning svc: request_id=r-1 status=200 [App] GET /health 200\n"))
        #expect(line.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} .*\n/) != nil)
    }
}
