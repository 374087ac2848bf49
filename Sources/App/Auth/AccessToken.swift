import JWTKit

/// The claims of an access token.
struct AccessToken: JWTPayload, Equatable {
    /// The user id, as a string (JWT `sub`).
    var sub: SubjectClaim
    var iat: IssuedAtClaim
    var exp: ExpirationClaim
    /// A unique token id, for logs and future revocation lists.
    var jti: IDClaim
    /// The user's token version when issued; a password change bumps it and voids the token.
    var ver: Int64
    /// The session the token belongs to; absent on tokens issued before sessions existed.
    var sid: String?
    /// When the password was last checked in the session (seconds since 1970, OIDC `auth_time`).
    var authTime: Int64?

    private enum CodingKeys: String, CodingKey {
        case sub, iat, exp, jti, ver, sid
        case authTime = "auth_time"
    }

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
    }
}
