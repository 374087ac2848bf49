import Hummingbird
import Logging
import Storage

/// `POST /users/login`: JSON or an OAuth2 password-grant form; the username field may hold
/// the username or the email.
struct AuthController<Storage: UserStorage>: Sendable {
    let storage: Storage
    let hasher: PasswordHasher
    let tokens: TokenService
    let metrics: AppMetrics

    func addRoutes(to group: RouterGroup<some RequestContext>) {
        group.post("login", use: login)
    }

    @Sendable func login(_ request: Request, context: some RequestContext) async throws -> TokenResponse {
        var reader = FieldReader(try await RequestFields.read(request, allowForm: true))
        let (username, password) = (reader.required("username"), reader.required("password"))
        let grantType = reader.optional("grant_type")
        reader.check("grant_type", grantType) { $0 == "password" ? nil : ("Input should be 'password'", "literal_error") }
        try reader.finish()
        guard let username, let password else { throw APIError.badCredentials }
        let user = try await lookUp(username)
        guard case .match(let needsRehash) = try await hasher.verify(password, against: user?.passwordHash), let user else {
            metrics.recordLogin(success: false)
            throw APIError.badCredentials
        }
        metrics.recordLogin(success: true)
        if needsRehash { await upgradeHash(of: user, password: password, logger: context.logger) }
        let token = try await tokens.issue(for: user)
        return TokenResponse(accessToken: token, expiresIn: Int(tokens.lifetime.components.seconds))
    }

    private func lookUp(_ name: String) async throws -> User? {
        if let user = try await storage.find(username: name) { return user }
        return name.contains("@") ? try await storage.find(email: name) : nil
    }

    /// Replaces a bcrypt or weaker argon2 hash with today's; a failure only costs the upgrade.
    private func upgradeHash(of user: User, password: String, logger: Logger) async {
        do {
            let hash = try await hasher.hash(password)
            _ = try await storage.update(id: user.id, UserUpdate(passwordHash: hash))
            logger.info("upgraded password hash", metadata: ["user_id": "\(user.id)"])
        } catch {
            logger.warning("password hash upgrade failed", metadata: ["user_id": "\(user.id)", "error": "\(type(of: error))"])
        }
    }
}
