import Hummingbird

/// What login and refresh return, as OAuth2's token endpoint does: the FastAPI service's
/// `access_token` and `token_type`, plus `expires_in` and the session's `refresh_token`.
struct TokenResponse: ResponseEncodable, Equatable {
    let accessToken: String
    var tokenType = "bearer"
    /// Seconds until the access token expires.
    let expiresIn: Int
    /// Exchanged at `/users/refresh` for the next pair; each one works once.
    let refreshToken: String?

    private enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case tokenType = "token_type"
        case expiresIn = "expires_in"
        case refreshToken = "refresh_token"
    }
}
