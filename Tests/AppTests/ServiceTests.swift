@testable import App
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Migrations
import Logging
import ServiceLifecycle
import ServiceLifecycleTestKit
import Storage
import Testing
import TestSupport

@Suite("Service endpoints, routing and start-up")
struct ServiceTests {
    @Test("health, ready, unknown routes and wrong methods", arguments: Backend.allCases)
    func routing(_ backend: Backend) async throws {
        try await AppHarness.withApp(backend) { client, _ in
            let health = try await client.send(.get, "/health")
            #expect(health.status == .ok)
            #expect(try health.jsonObject()["status"] as? String == "ok")
            let ready = try await client.send(.get, "/ready")
            #expect(ready.status == .ok)
            let missing = try await client.send(.get, "/nope")
            #expect(missing.status == .notFound)
            #expect(try missing.detail() == "Not Found")
            let wrongMethod = try await client.send(.delete, "/users/register")
            #expect(wrongMethod.status == .methodNotAllowed)
            #expect(wrongMethod.headers[.allow] == "POST")
            let meMethods = try await client.send(.post, "/users/me")
            #expect(meMethods.headers[.allow] == "GET, PUT, PATCH, DELETE, HEAD")
        }
    }

    @Test("ready is 503 while the schema is behind", arguments: Backend.persistent)
    func readyNeedsSchema(_ backend: Backend) async throws {
        try await AppHarness.withApp(backend) { client, database in
            try await Migrations(database: database, directory: TestDatabase.migrationsDirectory).down()
            let response = try await client.send(.get, "/ready")
            #expect(response.status == .serviceUnavailable)
            #expect(response.headers[.retryAfter] != nil)
            #expect(try await client.send(.get, "/health").status == .ok)
        }
    }

    @Test("a database that is gone gives 503 with Retry-After, not a 500 or a hang")
    func databaseGone() async throws {
        try await AppHarness.withApp(.postgres) { client, database in
            try await client.register("olga")
            let token = try await client.login("olga")
            await database.close()
            for response in [
                try await client.send(.get, "/users/me", token: token),
                try await client.send(.post, "/users/login", json: ["username": "olga", "password": "correct horse battery"]),
                try await client.send(.get, "/ready"),
            ] {
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "5")
            }
        }
    }

    @Test("the OpenAPI document describes exactly the served routes")
    func openAPIMatchesRouter() async throws {
        let hasher = try await PasswordHasher.start(parameters: .minimum, threads: 1, capacity: 1)
        let tokens = await TokenService(secret: AppHarness.secret, algorithm: .hs256, lifetime: .seconds(60))
        let router = try await Database.withOpen(.sqlite(.memory, poolSize: nil)) { database in
            let services = AuthServices(
                hasher: hasher, tokens: tokens, metrics: AppMetrics(), throttle: Throttle(storage: database, limits: RateLimits()),
                commonPasswords: CommonPasswords([]), mailer: try await AppHarness.configuration().mailer(wakeup: MailWakeup()), audit: AuditLog(storage: database))
            return try buildRouter(database, services: services, proxies: try TrustedProxies(parsing: nil), readiness: {})
        }
        let served = Set(router.routes.map { "\($0.method.rawValue) \(OpenAPIDocument.openAPIPath("\($0.path)"))" })
        let documented = Set(OpenAPIDocument.operations.map { "\($0.method.rawValue) \(OpenAPIDocument.openAPIPath($0.path))" })
        #expect(served == documented)
        let json = try #require(try JSONSerialization.jsonObject(with: OpenAPIDocument.json()) as? [String: Any])
        let paths = try #require(json["paths"] as? [String: [String: Any]])
        let fromJSON = Set(paths.flatMap { path, methods in methods.keys.map { "\($0.uppercased()) \(path)" } })
        #expect(fromJSON == served)
        #expect(json["openapi"] as? String == "3.1.0")
        await hasher.shutdown()
    }

    @Test("/openapi.json and /docs are served")
    func docs() async throws {
        try await AppHarness.withApp(.sqliteMemory) { client, _ in
            let document = try await client.send(.get, "/openapi.json")
            #expect(document.status == .ok)
            let json = try document.jsonObject()
            let schemes = (json["components"] as? [String: Any])?["securitySchemes"] as? [String: Any]
            #expect(schemes?["bearer"] != nil)
            let page = try await client.send(.get, "/docs")
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(String(buffer: page.body).contains("/docs/swagger-initializer.js"))
            #expect(String(buffer: try await client.send(.get, "/docs/swagger-initializer.js").body).contains(#"url: "/openapi.json""#))
        }
    }

    @Test("start-up refuses pending migrations unless told to apply them")
    func startupSchemaCheck() async throws {
        try await withDatabase(.sqliteFile, migrated: false) { database in
            await #expect(throws: StartupError.self) {
                _ = try await buildApplication(AppHarness.configuration(), database: database)
            }
            _ = try await buildApplication(AppHarness.configuration { $0.autoMigrate = true }, database: database)
            _ = try await buildApplication(AppHarness.configuration(), database: database)
        }
    }

    @Test("graceful shutdown ends the server and every service cleanly (exit code 0)", arguments: Backend.allCases)
    func gracefulShutdown(_ backend: Backend) async throws {
        try await withDatabase(backend) { database in
            let app = try await buildApplication(AppHarness.configuration { $0.port = 0 }, database: database)
            try await testGracefulShutdown { trigger in
                let group = ServiceGroup(configuration: .init(services: [app], logger: Logger(label: "test")))
                async let running: Void = group.run()
                trigger.triggerGracefulShutdown()
                // Throws if any service (server, database, hasher, sweeper) fails on the way out.
                try await running
            }
        }
    }
}
