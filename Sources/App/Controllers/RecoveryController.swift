import Foundation
import Hummingbird
import Storage

/// Password reset and email verification: `POST /users/password/forgot`,
/// `GET|POST /users/password/reset`, `GET|POST /users/email/verify` and
/// `POST /users/me/email/verification`. The GET pages are what a mailed link opens: a form
/// that posts the token, so a mail scanner that fetches links spends nothing.
struct RecoveryController<Storage: UserStorage & SessionStorage & AccountStorage>: Sendable {
    let storage: Storage
    let hasher: PasswordHasher
    let authenticator: UserAuthenticator<Storage>
    let throttle: Throttle
    let commonPasswords: CommonPasswords
    let mailer: AccountMailer
    let audit: AuditLog
    /// How long a forgot-password request takes at least, found or not, so its timing does
    /// not tell whether an account has the address.
    let forgotFloor: Duration
    /// The clock of mailed tokens.
    let now: @Sendable () -> Date

    static var accepted: String { "If an account has this email address, a link to reset its password is on its way" }
    static var invalidToken: APIError { APIError(.badRequest, "Invalid or expired token") }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("password/forgot", use: forgot)
        group.get("password/reset") { request, _ in try LinkPage.reset(request) }
        group.post("password/reset", use: reset)
        group.get("email/verify") { request, _ in try LinkPage.verify(request) }
        group.post("email/verify", use: verify)
        group.post("me/email/verification", use: resend)
    }

    @Sendable func forgot(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<Message> {
        let started = ContinuousClock.now
        var reader = FieldReader(try await RequestFields.read(request, allowForm: true))
        let email = reader.required("email")
        reader.check("email", email, FieldRules.email)
        try reader.finish()
        guard let email else { throw APIError(.unprocessableContent, "Invalid body") }
        try await throttle.admitPasswordReset(email: email, address: context.clientKey)
        if let user = try await storage.find(email: email) {
            do {
                try await storage.issue(mailer.passwordReset(for: user, now: now()), userID: user.id)
                mailer.committed()
            } catch let error as StorageError where error.code == .notFound {
                // Deleted meanwhile: the same answer as for an unknown address.
            }
        }
        try? await Task.sleep(until: started + forgotFloor)
        return EditedResponse(status: .accepted, response: Message(detail: Self.accepted))
    }

    @Sendable func reset(_ request: Request, context: AppRequestContext) async throws -> UserResponse {
        var reader = FieldReader(try await RequestFields.read(request, allowForm: true))
        let (token, password) = (reader.required("token"), reader.required("new_password"))
        reader.check("new_password", password, FieldRules.password)
        try reader.finish()
        guard let token, let password else { throw APIError(.unprocessableContent, "Invalid body") }
        let owner = try await usableOwner(token, .passwordReset)
        if let problem = FieldRules.password(password, username: owner.username, email: owner.email, common: commonPasswords) {
            throw APIError(validation: [.body("new_password", problem.msg, type: problem.type)])
        }
        let hash = try await hasher.hash(password, client: context.clientKey)
        // A reset proves the mailbox is the user's; every session and access token ends.
        let change = UserUpdate(passwordHash: hash, revokesTokens: true, emailVerified: true)
        guard let user = try await storage.redeem(hash: MailedToken.hash(token), purpose: .passwordReset, now: now(), update: change) else {
            throw Self.invalidToken
        }
        await audit.record(.passwordChanged, userID: user.id, reason: "reset", request: request, context: context)
        return UserResponse(user)
    }

    @Sendable func verify(_ request: Request, context: AppRequestContext) async throws -> UserResponse {
        var reader = FieldReader(try await RequestFields.read(request, allowForm: true))
        let token = reader.required("token")
        try reader.finish()
        guard let token, MailedToken.isWellFormed(token) else { throw Self.invalidToken }
        let change = UserUpdate(emailVerified: true)
        guard let user = try await storage.redeem(hash: MailedToken.hash(token), purpose: .emailVerify, now: now(), update: change) else {
            throw Self.invalidToken
        }
        return UserResponse(user)
    }

    @Sendable func resend(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<Message> {
        let user = try await authenticator.user(for: request)
        guard !user.emailVerified else { throw APIError(.conflict, "Email address is already verified") }
        try await throttle.admitVerificationResend(userID: user.id)
        try await storage.issue(mailer.verification(email: user.email, username: user.username, now: now()), userID: user.id)
        mailer.committed()
        return EditedResponse(status: .accepted, response: Message(detail: "Verification email sent"))
    }

    /// The user a well-formed, usable token belongs to; the one 400 otherwise.
    private func usableOwner(_ token: String, _ purpose: AccountTokenPurpose) async throws -> User {
        guard MailedToken.isWellFormed(token), let owner = try await storage.tokenOwner(hash: MailedToken.hash(token), purpose: purpose, now: now()) else {
            throw Self.invalidToken
        }
        return owner
    }

    /// `{"detail": ...}` for an accepted request.
    struct Message: ResponseEncodable, Equatable {
        let detail: String
    }
}
