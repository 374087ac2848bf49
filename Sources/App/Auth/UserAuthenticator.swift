import Foundation
import Hummingbird
import JWTKit
import Storage

/// Turns a request's `Authorization: Bearer` header into the current user, reading the user
/// row (and, in the same round trip, the token's session) every time, so deletions, password
/// changes and logouts take effect at once on every replica.
struct UserAuthenticator<Storage: UserStorage & SessionStorage>: Sendable {
    let storage: Storage
    let tokens: TokenService
    /// Told of every token check, so that hashing leaves a core free meanwhile.
    var hashing: HashYield?

    func user(for request: Request) async throws -> User {
        try await authenticate(request).user
    }

    func authenticate(_ request: Request) async throws -> Authentication {
        guard let token = Self.bearerToken(in: request) else { throw APIError.notAuthenticated }
        hashing?.noteTokenCheck()
        let claims = try tokens.verify(token)
        guard let id = Int64(claims.sub.value), let user = try await activeUser(id, session: claims.sid),
            user.tokenVersion == claims.ver
        else { throw APIError.invalidToken }
        let authTime = claims.authTime.map { Date(timeIntervalSince1970: Double($0)) } ?? Date(timeIntervalSince1970: Double(claims.iat))
        return Authentication(user: user, sessionID: claims.sid, authTime: authTime)
    }

    /// The user, when the token's session (if it names one) is still active.
    private func activeUser(_ id: Int64, session: String?) async throws -> User? {
        guard let session else { return try await storage.find(id: id) }
        guard let found = try await storage.find(id: id, session: session, now: Date()), found.sessionIsActive else { return nil }
        return found.user
    }

    /// The token of `Authorization: Bearer <token>` (scheme case-insensitive), if any.
    private static func bearerToken(in request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        // Compared on the bytes: case-folding a String walks it as Unicode.
        let bytes = header.utf8
        guard bytes.count > 7, zip(bytes, "bearer".utf8).allSatisfy({ $0 | 0x20 == $1 }),
            bytes[bytes.index(bytes.startIndex, offsetBy: 6)] == UInt8(ascii: " ")
        else { return nil }
        let token = Substring(header.utf8.dropFirst(7)).trimmingPrefix(while: \.isWhitespace)
        return token.isEmpty ? nil : String(token)
    }
}
