import Hummingbird
import Storage

/// `/users/register` and `/users/me`.
struct UserController<Storage: UserStorage & SessionStorage>: Sendable {
    let storage: Storage
    let hasher: PasswordHasher
    let authenticator: UserAuthenticator<Storage>
    let stepUp: StepUp

    func addRoutes(to group: RouterGroup<some RequestContext>) {
        group.post("register", use: register)
        group.get("me", use: me)
        group.put("me", use: update)
        group.patch("me", use: update)
        group.delete("me", use: delete)
    }

    @Sendable func register(_ request: Request, context: some RequestContext) async throws -> EditedResponse<UserResponse> {
        var reader = FieldReader(try await RequestFields.read(request))
        let (username, email, password) = (reader.required("username"), reader.required("email"), reader.required("password"))
        reader.check("username", username, FieldRules.username)
        reader.check("email", email, FieldRules.email)
        reader.check("password", password, FieldRules.password)
        reader.check("password", password) { FieldRules.password($0, differsFrom: [username, email].compactMap { $0 }) }
        try reader.finish()
        guard let username, let email, let password else { throw APIError(.unprocessableContent, "Invalid body") }
        let hash = try await hasher.hash(password)
        let user = try await storage.create(NewUser(username: username, email: email, passwordHash: hash))
        return EditedResponse(status: .created, response: UserResponse(user))
    }

    @Sendable func me(_ request: Request, context: some RequestContext) async throws -> UserResponse {
        UserResponse(try await authenticator.user(for: request))
    }

    @Sendable func update(_ request: Request, context: some RequestContext) async throws -> UserResponse {
        let authentication = try await authenticator.authenticate(request)
        let user = authentication.user
        var reader = FieldReader(try await RequestFields.read(request))
        let (username, email, password) = (reader.optional("username"), reader.optional("email"), reader.optional("password"))
        let currentPassword = reader.optional("current_password")
        reader.check("username", username, FieldRules.username)
        reader.check("email", email, FieldRules.email)
        reader.check("password", password, FieldRules.password)
        reader.check("password", password) { FieldRules.password($0, differsFrom: [username ?? user.username, email ?? user.email]) }
        try reader.finish()
        if email != nil || password != nil || currentPassword != nil {
            try await stepUp.require(authentication, currentPassword: currentPassword)
        }
        let hash = try await password.asyncMap(hasher.hash)
        let change = UserUpdate(username: username, email: email, passwordHash: hash, revokesTokens: hash != nil)
        return UserResponse(try await storage.update(id: user.id, change))
    }

    @Sendable func delete(_ request: Request, context: some RequestContext) async throws -> UserResponse {
        let authentication = try await authenticator.authenticate(request)
        var reader = FieldReader(try await RequestFields.read(request, allowEmpty: true))
        let currentPassword = reader.optional("current_password")
        try reader.finish()
        try await stepUp.require(authentication, currentPassword: currentPassword)
        return UserResponse(try await storage.delete(id: authentication.user.id))
    }
}
