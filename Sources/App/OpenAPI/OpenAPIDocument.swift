import Foundation
import HTTPTypes

/// The OpenAPI 3.1 description of exactly what the service serves. The router registers the
/// same operations, and a test fails when the two disagree.
enum OpenAPIDocument {
    /// One served (method, path) pair with its description.
    struct Operation {
        let method: HTTPRequest.Method
        let path: String
        let spec: [String: Any]
    }

    /// Every operation, in the order the router adds them.
    static var operations: [Operation] { [
        Operation(method: .post, path: "/users/register", spec: register),
        Operation(method: .post, path: "/users/login", spec: login),
        Operation(method: .post, path: "/users/refresh", spec: refresh),
        Operation(method: .post, path: "/users/logout", spec: logout),
        Operation(method: .get, path: "/users/me", spec: me("Read the current user", body: false, errors: [401, 503])),
        Operation(method: .put, path: "/users/me", spec: me("Update the current user", body: true, errors: [401, 403, 409, 413, 415, 422, 429, 503])),
        Operation(method: .patch, path: "/users/me", spec: me("Update the current user (alias of PUT)", body: true, errors: [401, 403, 409, 413, 415, 422, 429, 503])),
        Operation(method: .delete, path: "/users/me", spec: deleteMe),
        Operation(method: .get, path: "/users/me/sessions", spec: sessions),
        Operation(method: .delete, path: "/users/me/sessions/:id", spec: revokeSession),
        Operation(method: .get, path: "/users/me/events", spec: events),
        Operation(method: .post, path: "/users/password/forgot", spec: forgotPassword),
        Operation(method: .get, path: "/users/password/reset", spec: linkPage("The page a password-reset link opens: a form that posts the token and a new password")),
        Operation(method: .post, path: "/users/password/reset", spec: resetPassword),
        Operation(method: .get, path: "/users/email/verify", spec: linkPage("The page a verification link opens: a form that posts the token")),
        Operation(method: .post, path: "/users/email/verify", spec: verifyEmail),
        Operation(method: .post, path: "/users/me/email/verification", spec: resendVerification),
        Operation(method: .get, path: "/health", spec: plain("Liveness: the process answers (no database call)", schema: ref("Status"))),
        Operation(method: .get, path: "/ready", spec: ready),
        Operation(method: .get, path: "/openapi.json", spec: plain("This document", schema: ["type": "object"])),
        Operation(method: .get, path: "/docs", spec: plain("Swagger UI for this document", schema: ["type": "string"], mediaType: "text/html")),
        Operation(method: .get, path: "/docs/:file", spec: docsAsset),
        Operation(method: .get, path: "/metrics", spec: plain("Prometheus metrics", schema: ["type": "string"], mediaType: "text/plain")),
    ] }

    private static var docsAsset: [String: Any] {
        var spec = plain("Swagger UI's files, served by the service itself", schema: ["type": "string"], mediaType: "application/octet-stream")
        spec["parameters"] = [["name": "file", "in": "path", "required": true, "schema": ["type": "string"]]]
        var answers = spec["responses"] as? [String: Any] ?? [:]
        answers["404"] = ["description": "No such file", "content": ["application/json": ["schema": ref("Error")]]]
        spec["responses"] = answers
        return spec
    }

    /// The document as JSON bytes.
    static func json() throws -> Data {
        var paths: [String: [String: Any]] = [:]
        for operation in operations {
            paths[openAPIPath(operation.path), default: [:]][operation.method.rawValue.lowercased()] = operation.spec
        }
        let document: [String: Any] = [
            "openapi": "3.1.0",
            "info": ["title": "user-auth-service", "version": "1.0.0", "description": "Register, log in with a JWT, and manage your own account."],
            "paths": paths,
            "components": ["schemas": schemas, "securitySchemes": securitySchemes],
        ]
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    private static var register: [String: Any] { [
        "summary": "Create an account", "operationId": "register",
        "requestBody": jsonBody(ref("RegisterRequest")),
        "responses": responses(201, "The new user", ref("User"), errors: [409, 413, 415, 422, 429, 503]),
    ] }

    private static var login: [String: Any] { [
        "summary": "Exchange a username (or email) and password for an access token", "operationId": "login",
        "requestBody": ["required": true, "content": [
            "application/json": ["schema": ref("LoginRequest")],
            "application/x-www-form-urlencoded": ["schema": ref("LoginForm")],
        ]],
        "responses": responses(200, "A bearer token", ref("Token"), errors: [401, 413, 415, 422, 429, 503]),
    ] }

    private static var ready: [String: Any] { [
        "summary": "Readiness: the database answers and its schema is current",
        "responses": responses(200, "Ready", ref("Status"), errors: [503]),
    ] }

    /// A router path in OpenAPI's form: `:id` becomes `{id}`.
    static func openAPIPath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
    }

    private static func me(_ summary: String, body: Bool, errors: [Int]) -> [String: Any] {
        var spec: [String: Any] = [
            "summary": summary, "security": [["OAuth2PasswordBearer": [String]()], ["bearer": [String]()]],
            "responses": responses(200, "The user", ref("User"), errors: errors),
        ]
        if body { spec["requestBody"] = jsonBody(ref("UpdateRequest")) }
        return spec
    }

    static func plain(_ summary: String, schema: [String: Any], mediaType: String = "application/json") -> [String: Any] {
        ["summary": summary, "responses": ["200": ["description": "OK", "content": [mediaType: ["schema": schema]]]]]
    }

    static func jsonBody(_ schema: [String: Any]) -> [String: Any] {
        ["required": true, "content": ["application/json": ["schema": schema]]]
    }

    static func responses(_ status: Int, _ description: String, _ schema: [String: Any], errors: [Int]) -> [String: Any] {
        var result: [String: Any] = ["\(status)": ["description": description, "content": ["application/json": ["schema": schema]]]]
        for code in errors {
            let schema = code == 422 ? ref("ValidationError") : ref("Error")
            result["\(code)"] = ["description": errorDescriptions[code] ?? "Error", "content": ["application/json": ["schema": schema]]]
        }
        return result
    }

    private static let errorDescriptions = [
        401: "Missing, invalid, expired or revoked token, or wrong credentials (WWW-Authenticate: Bearer)",
        403: "Recent authentication required (send current_password), or current_password is wrong",
        404: "No such session of this user",
        409: "Username or email already registered", 413: "Body larger than 64 KiB",
        429: "Too many attempts from this address or for this account (Retry-After)",
        415: "Unsupported Content-Type", 422: "Validation error", 503: "Database or password hasher unavailable (Retry-After)",
    ]

    /// A pasted bearer token, or (what Swagger UI's Authorize button uses) OAuth2's password
    /// flow against the login endpoint, as FastAPI's `OAuth2PasswordBearer` declares it.
    private static var securitySchemes: [String: Any] {
        [
            "bearer": ["type": "http", "scheme": "bearer", "bearerFormat": "JWT"],
            "OAuth2PasswordBearer": ["type": "oauth2", "flows": ["password": ["tokenUrl": "/users/login", "scopes": [String: String]()]]],
        ]
    }

    static func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }
}
