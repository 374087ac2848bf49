/// The password hasher and token service the controllers share.
struct AuthServices: Sendable {
    let hasher: PasswordHasher
    let tokens: TokenService
}
