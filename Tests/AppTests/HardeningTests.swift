@testable import App
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Storage
import Testing
import TestSupport

/// Response headers, self-hosted docs and input hygiene.
@Suite("Hardening")
struct HardeningTests {
    @Test("every response: nosniff, no referrer, no framing; /users never cached", arguments: Backend.allCases)
    func headers(_ backend: Backend) async throws {
        try await AppHarness.withApp(backend) { client, _ in
            try await client.register("hank")
            let login = try await client.send(.post, "/users/login", json: ["username": "hank", "password": "correct horse battery"])
            let token = try #require(try login.jsonObject()["access_token"] as? String)
            let me = try await client.send(.get, "/users/me", token: token)
            let anonymous = try await client.send(.get, "/users/me")
            for response in [login, me, anonymous] {
                #expect(response.headers[.cacheControl] == "no-store" && response.headers[HTTPField.Name("Pragma")!] == "no-cache")
            }
            for response in [login, me, anonymous, try await client.send(.get, "/health"), try await client.send(.get, "/nowhere")] {
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
                #expect(response.headers[.contentSecurityPolicy] == "default-src 'none'; frame-ancestors 'none'")
            }
            #expect(try await client.send(.get, "/health").headers[.cacheControl] == nil)
            // HEAD wherever GET is served: the same status and headers, no body.
            let head = try await client.send(.head, "/users/me", token: token)
            #expect(head.status == .ok && head.body.readableBytes == 0 && head.headers[.cacheControl] == "no-store")
            let post = try await client.send(.head, "/users/login")
            #expect(post.status == .methodNotAllowed && post.headers[.allow] == "POST")
        }
    }

    @Test("/docs is Swagger UI from the service's own files, under a same-origin policy")
    func docs() async throws {
        try await AppHarness.withApp(.sqliteMemory) { client, _ in
            let page = try await client.send(.get, "/docs")
            let html = String(buffer: page.body)
            #expect(page.status == .ok && !html.contains("http") && !html.contains("<script>"))
            #expect(page.headers[.contentSecurityPolicy] == "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'")
            for (file, type, size) in [("swagger-ui-bundle.js", "text/javascript", 1_000_000), ("swagger-ui.css", "text/css", 100_000), ("swagger-initializer.js", "text/javascript", 100)] {
                let asset = try await client.send(.get, "/docs/\(file)")
                #expect(asset.status == .ok && asset.headers[.contentType]?.hasPrefix(type) == true && asset.body.readableBytes > size, "\(file)")
            }
            #expect(html.contains(#"src="/docs/swagger-ui-bundle.js""#) && html.contains(#"src="/docs/swagger-initializer.js""#))
            let license = try await client.send(.get, "/docs/LICENSE")
            #expect(license.status == .notFound, "\(license.status) \(String(buffer: license.body))")
            #expect(try await client.send(.get, "/docs/../Package.swift").status == .notFound)
        }
    }

    @Test("DOCS_ENABLED=false: no /docs and no /openapi.json")
    func docsDisabled() async throws {
        try await AppHarness.withApp(.sqliteMemory, configure: { $0.docsEnabled = false }) { client, _ async throws in
            for path in ["/docs", "/openapi.json", "/docs/swagger-ui-bundle.js"] {
                #expect(try await client.send(.get, path).status == .notFound, "\(path)")
            }
            #expect(try await client.send(.get, "/health").status == .ok)
        }
    }

    @Test("a NUL byte in any string field is a 422 and changes nothing", arguments: Backend.allCases)
    func nul(_ backend: Backend) async throws {
        try await AppHarness.withApp(backend) { client, database in
            let register = try await client.send(.post, "/users/register", raw: #"{"username":"ivy\u0000x","email":"ivy@example.com","password":"correct horse battery"}"#)
            #expect(register.status == .unprocessableContent)
            #expect(String(buffer: register.body).contains("string_nul"))
            #expect(try await database.find(email: "ivy@example.com") == nil)
            try await client.register("ivy")
            let token = try await client.login("ivy")
            let update = try await client.send(.put, "/users/me", raw: #"{"username":"ivy\u0000y"}"#, token: token)
            #expect(update.status == .unprocessableContent)
            #expect(try await database.find(username: "ivy") != nil)
        }
    }

    @Test("the document says what is accepted: null update fields, and a pattern that refuses control characters in a username")
    func documentMatchesRules() async throws {
        let json = try #require(try JSONSerialization.jsonObject(with: OpenAPIDocument.json()) as? [String: Any])
        let schemas = try #require((json["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
        let update = try #require(schemas["UpdateRequest"]?["properties"] as? [String: [String: Any]])
        for field in ["username", "email", "password", "current_password"] {
            #expect(update[field]?["type"] as? [String] == ["string", "null"], "\(field)")
        }
        let pattern = try #require(update["username"]?["pattern"] as? String)
        let regex = try NSRegularExpression(pattern: pattern)
        let matches = { (text: String) in regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil }
        #expect(matches("zoë") && matches("a b") && !matches("ab\u{9a}c") && !matches("a@b") && !matches(" ab") && !matches("ab\u{0}"))
        for (name, valid) in [("zoë", true), ("ab\u{9a}c", false), ("a b", true)] {
            #expect((FieldRules.username(name) == nil) == valid, "\(name)")
        }
        try await AppHarness.withApp(.sqliteMemory) { client, _ in
            try await client.register("vera")
            let token = try await client.login("vera")
            let nulls = try await client.send(.put, "/users/me", raw: #"{"email": null, "username": null}"#, token: token)
            #expect(nulls.status == .ok)
            #expect(try nulls.jsonObject()["email"] as? String == "vera@example.com")
        }
    }
}
