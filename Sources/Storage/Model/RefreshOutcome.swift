/// What exchanging a refresh token did.
public enum RefreshOutcome: Sendable, Equatable {
    /// The token was current: it is spent, the new one is stored, the session extended.
    case rotated(Session, User)
    /// The token had been exchanged before: the whole session (of user `userID`) is now revoked.
    case reused(sessionID: String, userID: Int64)
    /// Unknown token, or its session is revoked or expired.
    case invalid
}
