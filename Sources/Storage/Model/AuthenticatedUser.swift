/// A user read together with whether the session a token names is still active.
public struct AuthenticatedUser: Sendable, Equatable {
    /// The user.
    public var user: User
    /// True when the session exists, belongs to the user, is not revoked and has not expired.
    public var sessionIsActive: Bool

    public init(user: User, sessionIsActive: Bool) {
        self.user = user
        self.sessionIsActive = sessionIsActive
    }
}
