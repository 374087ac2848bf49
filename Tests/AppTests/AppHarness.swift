@testable import App
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Storage
import Testing
import TestSupport

/// Builds the service on a fresh database of each backend and drives it in-process.
enum AppHarness {
    /// The repository's `templates/` folder.
    static let templatesDirectory = Repository.path("templates")

    static let secret = "5b4cf4db96e9b4d21e7b12a440fb6942bdcdb98b717de7b06b5561e8f17a1bf3"

    /// A configuration for tests: fast argon2 parameters, the repository's migrations.
    static func configuration(_ change: (inout AppConfiguration) -> Void = { _ in }) -> AppConfiguration {
        var configuration = AppConfiguration(secretKey: secret)
        configuration.argon2 = .minimum
        // Room for the concurrency tests; the overload test lowers it again.
        configuration.hashQueue = 64
        configuration.migrationsDirectory = TestDatabase.migrationsDirectory
        configuration.templatesDirectory = templatesDirectory
        change(&configuration)
        return configuration
    }

    /// Runs `body` with a client of the service on a fresh, migrated `backend` database.
    static func withApp(
        _ backend: Backend,
        framework: TestingSetup = .router,
        configure: (inout AppConfiguration) -> Void = { _ in },
        _ body: @escaping @Sendable (any TestClientProtocol, any UserDatabase) async throws -> Void
    ) async throws {
        let configuration = configuration(configure)
        try await withDatabase(backend) { database in
            let app = try await buildApplication(configuration, database: database)
            try await app.test(framework) { client in try await body(client, database) }
        }
    }
}

extension TestClientProtocol {
    /// Sends `json` (a JSON object, or raw text) with `Content-Type: application/json`.
    @discardableResult
    func send(
        _ method: HTTPRequest.Method, _ uri: String, json: [String: any Sendable]? = nil, raw: String? = nil,
        token: String? = nil, headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        if json != nil || raw != nil, headers[.contentType] == nil { headers[.contentType] = "application/json" }
        if let token { headers[.authorization] = "Bearer \(token)" }
        let text = try raw ?? json.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
        return try await execute(uri: uri, method: method, headers: headers, body: text.map { ByteBuffer(string: $0) })
    }

    /// Registers a user and returns the response body.
    @discardableResult
    func register(_ username: String, _ email: String? = nil, password: String = "correct horse battery") async throws -> [String: Any] {
        let response = try await send(.post, "/users/register", json: ["username": username, "email": email ?? "\(username)@example.com", "password": password])
        #expect(response.status == .created, "\(String(buffer: response.body))")
        return try response.jsonObject()
    }

    /// Logs in and returns the access token.
    func login(_ username: String, password: String = "correct horse battery") async throws -> String {
        let response = try await send(.post, "/users/login", json: ["username": username, "password": password])
        #expect(response.status == .ok, "\(String(buffer: response.body))")
        return try #require(try response.jsonObject()["access_token"] as? String)
    }
}

extension TestResponse {
    /// The body parsed as a JSON object.
    func jsonObject() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any])
    }

    /// The `detail` of an error body, as text.
    func detail() throws -> String {
        let detail = try jsonObject()["detail"]
        return (detail as? String) ?? String(describing: detail ?? "")
    }

    /// The `loc` paths of a 422 body, as `body.field` strings.
    func issueLocations() throws -> [String] {
        let issues = try #require(try jsonObject()["detail"] as? [[String: Any]])
        return issues.map { ($0["loc"] as? [Any] ?? []).map { "\($0)" }.joined(separator: ".") }
    }
}

extension AppHarness {
    /// Runs `body` with two replicas of the service on one fresh `backend` database, each
    /// with its own connections, as two processes behind a load balancer would be.
    static func withReplicas(
        _ backend: Backend, configure: (inout AppConfiguration) -> Void = { _ in },
        _ body: @escaping @Sendable (any TestClientProtocol, any TestClientProtocol) async throws -> Void
    ) async throws {
        let configuration = configuration(configure)
        try await withTestDatabase(backend) { database in
            try await database.withOpen(migrated: true) { first in
                try await database.withOpen(migrated: false) { second in
                    let (one, two) = (try await buildApplication(configuration, database: first), try await buildApplication(configuration, database: second))
                    try await one.test(.router) { clientOne in
                        try await two.test(.router) { clientTwo in try await body(clientOne, clientTwo) }
                    }
                }
            }
        }
    }
}

extension TestClientProtocol {
    /// Logs in and returns the whole token response.
    func loginPair(_ username: String, password: String = "correct horse battery", userAgent: String? = nil) async throws -> (access: String, refresh: String) {
        var headers: HTTPFields = [:]
        if let userAgent { headers[.userAgent] = userAgent }
        let response = try await send(.post, "/users/login", json: ["username": username, "password": password], headers: headers)
        #expect(response.status == .ok, "\(String(buffer: response.body))")
        let body = try response.jsonObject()
        return (try #require(body["access_token"] as? String), try #require(body["refresh_token"] as? String))
    }

    /// Exchanges a refresh token at `/users/refresh`.
    func refresh(_ token: String) async throws -> TestResponse {
        try await send(.post, "/users/refresh", json: ["refresh_token": token])
    }
}
