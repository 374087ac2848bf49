import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// An error answered as FastAPI does: JSON `{"detail": ...}` with a status and headers.
struct APIError: Error, HTTPResponseError {
    let status: HTTPResponse.Status
    let detail: Detail
    var headers: HTTPFields = [:]

    /// `detail` is a message, or FastAPI's list of validation issues.
    enum Detail: Sendable, Encodable {
        case message(String)
        case issues([ValidationIssue])

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .message(let text): try container.encode(text)
            case .issues(let issues): try container.encode(issues)
            }
        }
    }

    init(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.detail = .message(message)
        self.headers = headers
    }

    init(validation issues: [ValidationIssue]) {
        self.status = .unprocessableContent
        self.detail = .issues(issues)
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = "application/json"
        let body = try JSONEncoder().encode(["detail": detail])
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

extension APIError {
    /// 401 for a request with no bearer token (RFC 6750 §3: no error code).
    static let notAuthenticated = APIError(.unauthorized, "Not authenticated", headers: [.wwwAuthenticate: "Bearer"])
    /// 401 for a bad, expired or revoked token.
    static let invalidToken = APIError(
        .unauthorized, "Could not validate credentials", headers: [.wwwAuthenticate: #"Bearer error="invalid_token""#])
    /// 401 for a wrong username or password: one answer for both, so accounts cannot be probed.
    static let badCredentials = APIError(
        .unauthorized, "Incorrect username or password", headers: [.wwwAuthenticate: "Bearer"])

    /// 401 for an unknown, spent, expired or revoked refresh token (a spent one also ended its session).
    static let invalidRefreshToken = APIError(
        .unauthorized, "Invalid or expired refresh token", headers: [.wwwAuthenticate: #"Bearer error="invalid_token""#])
    /// 403 for a sensitive change without a recent password check.
    static let reauthenticationRequired = APIError(
        .forbidden, "Recent authentication required: send current_password with this request")
    /// 403 for a wrong `current_password`.
    static let wrongCurrentPassword = APIError(.forbidden, "current_password is not correct")

    /// 403 for a correct password on an account whose email is unverified
    /// (`REQUIRE_VERIFIED_EMAIL`).
    static let emailNotVerified = APIError(
        .forbidden, "Email address is not verified: open the link in the verification email first")

    /// 429 with `Retry-After`: one text for every limit, whether or not the account exists.
    static func tooManyRequests(retryAfter seconds: Int) -> APIError {
        APIError(.tooManyRequests, "Too many attempts, retry later", headers: [.retryAfter: String(seconds)])
    }

    /// 503 with `Retry-After`, for an overloaded hasher or an unreachable database.
    static func unavailable(_ message: String, retryAfter seconds: Int = 5) -> APIError {
        APIError(.serviceUnavailable, message, headers: [.retryAfter: String(seconds)])
    }
}
