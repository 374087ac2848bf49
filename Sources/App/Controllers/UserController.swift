import Foundation
import Hummingbird
import Storage

/// `/users/register` and `/users/me`.
struct UserController<Storage: UserStorage & SessionStorage & AccountStorage>: Sendable {
    let storage: Storage
    let hasher: PasswordHasher
    let authenticator: UserAuthenticator<Storage>
    let stepUp: StepUp
    let throttle: Throttle
    let commonPasswords: CommonPasswords
    let mailer: AccountMailer
    let audit: AuditLog
    /// The clock of mailed tokens.
    let now: @Sendable () -> Date

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("register", use: register)
        group.get("me", use: me)
        group.put("me", use: update)
        group.patch("me", use: update)
        group.delete("me", use: delete)
    }

    @Sendable func register(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<UserResponse> {
        var reader = FieldReader(try await RequestFields.read(request))
        let (username, email, password) = (reader.required("username"), reader.required("email"), reader.required("password"))
        checkFields(&reader, username: username, email: email, password: password, context: (username ?? "", email ?? ""))
        try reader.finish()
        guard let username, let email, let password else { throw APIError(.unprocessableContent, "Invalid body") }
        try await throttle.admitRegistration(address: context.clientKey)
        // A taken name costs no hash; the insert still catches a registration racing this one.
        if try await storage.find(username: username) != nil { throw StorageError.conflict(.username).apiError }
        if try await storage.find(email: email) != nil { throw StorageError.conflict(.email).apiError }
        let hash = try await hasher.hash(password, client: context.clientKey)
        // The verification mail commits with the account, or neither does.
        let verification = mailer.verification(email: email, username: username, now: now())
        let user = try await storage.create(NewUser(username: username, email: email, passwordHash: hash), with: verification)
        mailer.committed()
        await audit.record(.userRegistered, userID: user.id, request: request, context: context)
        return EditedResponse(status: .created, response: UserResponse(user))
    }

    @Sendable func me(_ request: Request, context: AppRequestContext) async throws -> UserResponse {
        UserResponse(try await authenticator.user(for: request))
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> UserResponse {
        let authentication = try await authenticator.authenticate(request)
        let user = authentication.user
        var reader = FieldReader(try await RequestFields.read(request))
        let (username, email, password) = (reader.optional("username"), reader.optional("email"), reader.optional("password"))
        let currentPassword = reader.optional("current_password")
        checkFields(&reader, username: username, email: email, password: password, context: (username ?? user.username, email ?? user.email))
        try reader.finish()
        if email != nil || password != nil || currentPassword != nil {
            try await stepUp.require(authentication, currentPassword: currentPassword, client: context.clientKey)
        }
        let hash = try await password.asyncMap { try await hasher.hash($0, client: context.clientKey) }
        var change = UserUpdate(username: username, email: email, passwordHash: hash, revokesTokens: hash != nil)
        var effects = AccountEffects.none
        // A new address (not merely new letter case) is unverified until its link is used;
        // the old address is told.
        if let email, email.identityKey != user.email.identityKey {
            change.emailVerified = false
            effects = mailer.emailChange(username: username ?? user.username, from: user.email, to: email, now: now())
        }
        let updated = try await storage.update(id: user.id, change, with: effects)
        if !effects.isEmpty { mailer.committed() }
        await recordChanges(from: user, to: updated, passwordChanged: hash != nil, request: request, context: context)
        return UserResponse(updated)
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> UserResponse {
        let authentication = try await authenticator.authenticate(request)
        var reader = FieldReader(try await RequestFields.read(request, allowEmpty: true))
        let currentPassword = reader.optional("current_password")
        try reader.finish()
        try await stepUp.require(authentication, currentPassword: currentPassword, client: context.clientKey)
        let deleted = try await storage.delete(id: authentication.user.id)
        await audit.record(.userDeleted, userID: deleted.id, request: request, context: context)
        return UserResponse(deleted)
    }

    /// One event for each kind of credential the update changed.
    private func recordChanges(from old: User, to new: User, passwordChanged: Bool, request: Request, context: AppRequestContext) async {
        if passwordChanged { await audit.record(.passwordChanged, userID: new.id, request: request, context: context) }
        if old.email != new.email { await audit.record(.emailChanged, userID: new.id, request: request, context: context) }
        if old.username != new.username { await audit.record(.usernameChanged, userID: new.id, request: request, context: context) }
    }

    /// Every field rule; `context` is the username and email the password must not match.
    private func checkFields(
        _ reader: inout FieldReader, username: String?, email: String?, password: String?, context: (String, String)
    ) {
        reader.check("username", username, FieldRules.username)
        reader.check("email", email, FieldRules.email)
        reader.check("password", password, FieldRules.password)
        reader.check("password", password) { FieldRules.password($0, username: context.0, email: context.1, common: commonPasswords) }
    }
}
