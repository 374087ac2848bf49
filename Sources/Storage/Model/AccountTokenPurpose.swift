/// What a mailed, single-use account token is for.
public enum AccountTokenPurpose: String, Sendable, CaseIterable {
    /// Sets a new password (`POST /users/password/reset`).
    case passwordReset = "password_reset"
    /// Proves the user controls their email address (`POST /users/email/verify`).
    case emailVerify = "email_verify"
}
