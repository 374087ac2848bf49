import JWTKit

/// The claims of an access token. Times are whole seconds (integer NumericDates), as the
/// Python service issued them, so strictly typed JWT libraries can read them.
struct AccessToken: JWTPayload, Equatable {
    /// Who issued the token (`TOKEN_ISSUER`).
    var iss: String?
    /// Whom the token is for (`TOKEN_AUDIENCE`).
    var aud: String?
    /// The user id, as a string (JWT `sub`).
    var sub: SubjectClaim
    /// Issued at and expires at, seconds since 1970.
    var iat: Int64
    var exp: Int64
    /// A unique token id, for logs and future revocation lists.
    var jti: IDClaim
    /// The user's token version when issued; a password change bumps it and voids the token.
    var ver: Int64
    /// The session the token belongs to; absent on tokens issued before sessions existed.
    var sid: String?
    /// When the password was last checked in the session (seconds since 1970, OIDC `auth_time`).
    var authTime: Int64?

    private enum CodingKeys: String, CodingKey {
        case iss, aud, sub, iat, exp, jti, ver, sid
        case authTime = "auth_time"
    }

    /// The time claims are checked by `TokenService`, which knows the clock and the issuer.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
