import Storage

/// The rule for sensitive changes (password, email, deleting the account): the request
/// carries a `current_password` that verifies, or the token's password check is recent.
struct StepUp: Sendable {
    let hasher: PasswordHasher
    let metrics: AppMetrics
    let maxAge: Duration

    /// Throws 403 unless the change may go ahead. A wrong `current_password` counts as a failed login.
    func require(_ authentication: Authentication, currentPassword: String?) async throws {
        if let currentPassword {
            guard case .match = try await hasher.verify(currentPassword, against: authentication.user.passwordHash) else {
                metrics.recordLogin(success: false)
                throw APIError.wrongCurrentPassword
            }
            return
        }
        guard authentication.isRecent(within: maxAge) else { throw APIError.reauthenticationRequired }
    }
}
