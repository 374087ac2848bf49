import Storage

/// The rule for sensitive changes (password, email, deleting the account): the request
/// carries a `current_password` that verifies, or the token's password check is recent.
struct StepUp: Sendable {
    let hasher: PasswordHasher
    let metrics: AppMetrics
    let throttle: Throttle
    let maxAge: Duration

    /// Throws 403 unless the change may go ahead. A `current_password` is throttled and
    /// counted like a login: a wrong one is a failed login attempt.
    func require(_ authentication: Authentication, currentPassword: String?, client: String) async throws {
        guard let currentPassword else {
            guard authentication.isRecent(within: maxAge) else { throw APIError.reauthenticationRequired }
            return
        }
        let account = authentication.user.username
        try await throttle.admitLogin(account: account, address: client)
        guard case .match = try await hasher.verify(currentPassword, against: authentication.user.passwordHash, client: client) else {
            metrics.recordLogin(success: false)
            try await throttle.loginFailed(account: account, address: client)
            throw APIError.wrongCurrentPassword
        }
    }
}
