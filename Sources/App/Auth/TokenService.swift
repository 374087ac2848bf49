import Foundation
import JWTKit
import Storage

/// Issues and checks access tokens. Only the configured algorithm is accepted, whatever a
/// token's header claims, so `alg: none` and RS/HS confusion cannot work.
struct TokenService: Sendable {
    let algorithm: TokenAlgorithm
    let lifetime: Duration
    private let keys: JWTKeyCollection

    /// `secret` must already be checked against `algorithm.minimumKeyBytes` (jwt-kit asserts on short keys).
    init(secret: String, algorithm: TokenAlgorithm, lifetime: Duration) async {
        self.algorithm = algorithm
        self.lifetime = lifetime
        self.keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: Array(secret.utf8)), digestAlgorithm: algorithm.digest)
    }

    /// A signed token for `user`, valid for `lifetime`, bound to `session` when there is one.
    func issue(for user: User, session: Session? = nil, now: Date = Date()) async throws -> String {
        let token = AccessToken(
            sub: .init(value: String(user.id)), iat: .init(value: now),
            exp: .init(value: now.addingTimeInterval(Double(lifetime.components.seconds))),
            jti: .init(value: UUID().uuidString), ver: user.tokenVersion,
            sid: session?.id, authTime: session.map { Int64($0.authTime.timeIntervalSince1970) })
        return try await keys.sign(token, header: ["alg": .string(algorithm.rawValue), "typ": "JWT"])
    }

    /// The verified claims of `token`; any failure is `APIError.invalidToken`.
    func verify(_ token: String) async throws -> AccessToken {
        guard headerAlgorithm(of: token) == algorithm.rawValue else { throw APIError.invalidToken }
        do {
            return try await keys.verify(token, as: AccessToken.self)
        } catch {
            throw APIError.invalidToken
        }
    }

    private func headerAlgorithm(of token: String) -> String? {
        guard let header = token.split(separator: ".", omittingEmptySubsequences: false).first,
            let data = Data(base64URLEncoded: String(header)),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        return object["alg"] as? String
    }
}
