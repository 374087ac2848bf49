import Hummingbird

/// What login returns, as OAuth2's password grant and the FastAPI service did.
struct TokenResponse: ResponseEncodable, Equatable {
    let accessToken: String
    var tokenType = "bearer"
    /// Seconds until the token expires.
    let expiresIn: Int

    private enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case tokenType = "token_type"
        case expiresIn = "expires_in"
    }
}
