import Crypto
import Foundation
import JWTKit
import Storage

/// Issues and checks access tokens (RFC 8725). Only the configured algorithm is accepted,
/// whatever a token's header claims, so `alg: none` and RS/HS confusion cannot work; the
/// header must name a known key (`kid`) and the access-token type; `iss` and `aud` must be
/// ours; `exp` must lie ahead and `iat` not more than a minute ahead.
struct TokenService: Sendable {
    let algorithm: TokenAlgorithm
    let lifetime: Duration
    let issuer: String
    let audience: String
    private let kid: String
    /// Every accepted key by its `kid`, for verification without jwt-kit's actor.
    private let verifiers: [String: TokenMAC]
    /// Header segments already found valid: jwt-kit writes the header's members in no fixed
    /// order, so they are learnt rather than computed.
    private let knownHeaders = KnownHeaders()
    private let keys: JWTKeyCollection

    /// The header `typ` of our access tokens (RFC 9068).
    static let type = "at+jwt"
    /// How far ahead of our clock an `iat` may be.
    static let clockSkew: Int64 = 60

    /// Every key must already be checked against `algorithm.minimumKeyBytes` (jwt-kit asserts on short keys).
    init(keys secrets: TokenKeys, algorithm: TokenAlgorithm, lifetime: Duration, issuer: String, audience: String) async {
        self.algorithm = algorithm
        self.lifetime = lifetime
        self.issuer = issuer
        self.audience = audience
        self.kid = TokenKeys.kid(secrets.current)
        self.keys = JWTKeyCollection()
        var verifiers: [String: TokenMAC] = [:]
        for secret in [secrets.current] + secrets.previous {
            let kid = TokenKeys.kid(secret)
            verifiers[kid] = TokenMAC(algorithm, key: SymmetricKey(data: Array(secret.utf8)))
            await keys.add(hmac: HMACKey(from: Array(secret.utf8)), digestAlgorithm: algorithm.digest, kid: JWKIdentifier(string: kid))
        }
        self.verifiers = verifiers
    }

    /// One key, the defaults for issuer and audience: for tests and tools.
    init(secret: String, algorithm: TokenAlgorithm, lifetime: Duration) async {
        await self.init(
            keys: TokenKeys(current: secret, previous: []), algorithm: algorithm, lifetime: lifetime,
            issuer: "user-auth-service", audience: "user-auth-service")
    }

    /// A signed token for `user`, valid for `lifetime`, bound to `session` when there is one.
    func issue(for user: User, session: Session? = nil, now: Date = Date()) async throws -> String {
        let issued = Int64(now.timeIntervalSince1970)
        let token = AccessToken(
            iss: issuer, aud: audience, sub: .init(value: String(user.id)), iat: issued, exp: issued + lifetime.components.seconds,
            jti: .init(value: UUID().uuidString), ver: user.tokenVersion,
            sid: session?.id, authTime: session.map { Int64($0.authTime.timeIntervalSince1970) })
        return try await keys.sign(token, kid: JWKIdentifier(string: kid), header: ["alg": .string(algorithm.rawValue), "typ": .string(Self.type)])
    }

    /// The verified claims of `token`; any failure is `APIError.invalidToken`. The compact
    /// token is split once, in place, the HMAC checked directly (constant time, swift-crypto)
    /// with the key the header names, and only then are the claims decoded.
    func verify(_ token: String, now: Date = Date()) throws -> AccessToken {
        var token = token
        guard let claims = token.withUTF8(signedClaims) else { throw APIError.invalidToken }
        let seconds = Int64(now.timeIntervalSince1970)
        guard claims.iss == issuer, claims.aud == audience, claims.exp > seconds, claims.iat <= seconds + Self.clockSkew else {
            throw APIError.invalidToken
        }
        return claims
    }

    /// The claims of a token whose header is ours and whose signature is valid.
    private func signedClaims(_ bytes: UnsafeBufferPointer<UInt8>) -> AccessToken? {
        guard let token = CompactToken(bytes), let mac = mac(for: bytes[token.header]),
            let signature = [UInt8](base64URLEncoded: bytes[token.signature]),
            mac.isValid(signature, for: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[token.signingInput]))),
            let payload = [UInt8](base64URLEncoded: bytes[token.payload])
        else { return nil }
        return AccessToken(payload: payload)
    }

    /// The MAC of the key a token's header names, if the header is one of ours: our algorithm, the
    /// access-token type and a known `kid`.
    private func mac(for segment: Slice<UnsafeBufferPointer<UInt8>>) -> TokenMAC? {
        if let kid = knownHeaders.kid(for: segment) { return verifiers[kid] }
        guard let data = [UInt8](base64URLEncoded: segment),
            let header = try? JSONSerialization.jsonObject(with: Data(data)) as? [String: Any],
            header["alg"] as? String == algorithm.rawValue, header["typ"] as? String == Self.type,
            let kid = header["kid"] as? String, let mac = verifiers[kid]
        else { return nil }
        knownHeaders.remember(segment, kid: kid)
        return mac
    }
}
