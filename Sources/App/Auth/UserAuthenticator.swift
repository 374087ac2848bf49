import Hummingbird
import JWTKit
import Storage

/// Turns a request's `Authorization: Bearer` header into the current user, reading the user
/// row every time so deletions and password changes take effect at once on every replica.
struct UserAuthenticator<Storage: UserStorage>: Sendable {
    let storage: Storage
    let tokens: TokenService

    func user(for request: Request) async throws -> User {
        guard let token = Self.bearerToken(in: request) else { throw APIError.notAuthenticated }
        let claims = try await tokens.verify(token)
        guard let id = Int64(claims.sub.value), let user = try await storage.find(id: id),
            user.tokenVersion == claims.ver
        else { throw APIError.invalidToken }
        return user
    }

    /// The token of `Authorization: Bearer <token>` (scheme case-insensitive), if any.
    private static func bearerToken(in request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingPrefix(while: \.isWhitespace)
        return token.isEmpty ? nil : String(token)
    }
}
