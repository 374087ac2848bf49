import Foundation
import Hummingbird
import Logging
import Storage

/// The token endpoint and logout: `POST /users/login` (JSON or an OAuth2 form; the password
/// grant, or the refresh-token grant), `POST /users/refresh` and `POST /users/logout`.
struct AuthController<Storage: UserStorage & SessionStorage>: Sendable {
    let storage: Storage
    let hasher: PasswordHasher
    let metrics: AppMetrics
    let issuer: SessionIssuer<Storage>
    let authenticator: UserAuthenticator<Storage>
    let throttle: Throttle
    let audit: AuditLog
    /// `REQUIRE_VERIFIED_EMAIL`: refuse tokens to accounts whose email is unverified.
    var requireVerifiedEmail = false
    /// Test seam: runs after a re-hash is computed and before it is stored.
    var beforeRehashStored: (@Sendable () async -> Void)?

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("login", use: login)
        group.post("refresh", use: refresh)
        group.post("logout", use: logout)
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> TokenResponse {
        var reader = FieldReader(try await RequestFields.read(request, allowForm: true))
        let grantType = reader.optional("grant_type")
        if grantType == "refresh_token" { return try await exchange(&reader, request, context) }
        let (username, password) = (reader.required("username"), reader.required("password"))
        reader.check("grant_type", grantType) {
            $0 == "password" ? nil : ("Input should be 'password' or 'refresh_token'", "literal_error")
        }
        try reader.finish()
        guard let username, let password else { throw APIError.badCredentials }
        do {
            try await throttle.admitLogin(account: username, address: context.clientKey)
        } catch let error as APIError where error.status == .tooManyRequests {
            await audit.record(.loginFailed, userID: nil, reason: "throttled", request: request, context: context)
            throw error
        }
        let user = try await verifiedUser(username, password, request: request, context: context)
        // Only after the password matched, so the answer tells nothing to who lacks it.
        if requireVerifiedEmail && !user.emailVerified {
            await audit.record(.loginFailed, userID: user.id, reason: "email_unverified", request: request, context: context)
            throw APIError.emailNotVerified
        }
        await audit.record(.loginSucceeded, userID: user.id, request: request, context: context)
        return try await issuer.start(for: user, userAgent: request.headers[.userAgent], ip: context.clientAddress)
    }

    @Sendable func refresh(_ request: Request, context: AppRequestContext) async throws -> TokenResponse {
        var reader = FieldReader(try await RequestFields.read(request, allowForm: true))
        return try await exchange(&reader, request, context)
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        let authentication = try await authenticator.authenticate(request)
        let scope = request.uri.queryParameters.get("scope") ?? "local"
        guard ["local", "global", "others"].contains(scope) else {
            throw APIError(validation: [ValidationIssue(loc: [.key("query"), .key("scope")], msg: "Input should be 'local', 'global' or 'others'", type: "literal_error")])
        }
        let user = authentication.user
        await audit.record(.sessionRevoked, userID: user.id, reason: "logout_\(scope)", request: request, context: context)
        switch (scope, authentication.sessionID) {
        case ("others", let current):
            _ = try await storage.revokeSessions(userID: user.id, except: current, now: Date())
        case ("local", let current?):
            _ = try await storage.revokeSession(id: current, userID: user.id, now: Date())
        default:
            // Global, or a token from before sessions, which only a new token version can void.
            _ = try await storage.update(id: user.id, UserUpdate(revokesTokens: true))
        }
        return .noContent
    }

    /// The refresh-token grant: `refresh_token` for the next token pair.
    private func exchange(_ reader: inout FieldReader, _ request: Request, _ context: AppRequestContext) async throws -> TokenResponse {
        let token = reader.required("refresh_token")
        try reader.finish()
        guard let token else { throw APIError.invalidRefreshToken }
        return try await issuer.refresh(token) { userID in
            await audit.record(.refreshReused, userID: userID, request: request, context: context)
        }
    }

    /// The user whose password this is, or the one 401 for every failure.
    private func verifiedUser(_ name: String, _ password: String, request: Request, context: AppRequestContext) async throws -> User {
        let (client, logger) = (context.clientKey, context.logger)
        let user = try await lookUp(name)
        let verdict = try await hasher.verify(password, against: user?.passwordHash, client: client)
        guard case .match(let needsRehash) = verdict, let user else {
            await audit.record(.loginFailed, userID: user?.id, reason: user == nil ? "unknown_user" : "bad_password", request: request, context: context)
            metrics.recordLogin(success: false)
            try await throttle.loginFailed(account: name, address: client)
            throw APIError.badCredentials
        }
        metrics.recordLogin(success: true)
        try await throttle.loginSucceeded(account: name, address: client)
        if needsRehash { await upgradeHash(of: user, password: password, logger: logger) }
        return user
    }

    /// A name with `@` is an email first (then a username, for accounts from before `@` was
    /// refused in usernames); a name without one is a username only.
    private func lookUp(_ name: String) async throws -> User? {
        guard name.precomposedStringWithCompatibilityMapping.contains("@") else { return try await storage.find(username: name) }
        if let user = try await storage.find(email: name) { return user }
        return try await storage.find(username: name)
    }

    /// Replaces a bcrypt or weaker argon2 hash with today's; a failure only costs the upgrade.
    private func upgradeHash(of user: User, password: String, logger: Logger) async {
        do {
            let hash = try await hasher.hash(password)
            await beforeRehashStored?()
            // Only over the hash just verified: a password changed meanwhile must not be undone.
            _ = try await storage.update(id: user.id, UserUpdate(passwordHash: hash, expectedPasswordHash: user.passwordHash))
            logger.info("upgraded password hash", metadata: ["user_id": "\(user.id)"])
        } catch let error as StorageError where error.code == .notFound {
            logger.info("password hash upgrade skipped: the password changed meanwhile", metadata: ["user_id": "\(user.id)"])
        } catch {
            logger.warning("password hash upgrade failed", metadata: ["user_id": "\(user.id)", "error": "\(type(of: error))"])
        }
    }
}
