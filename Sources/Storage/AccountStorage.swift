public import Foundation

/// Account changes that mail the user: registration and email changes with a verification
/// token, password-reset requests, and redeeming those tokens. Each change, its token and
/// its mail commit in one transaction or not at all. Every method throws only `StorageError`.
public protocol AccountStorage: Sendable {
    /// Inserts a user and stores `effects` with it; `.conflict(field)` when a name is taken.
    func create(_ user: NewUser, with effects: AccountEffects) async throws -> User
    /// Applies `update` (revoking sessions when it revokes tokens) and stores `effects` with it.
    func update(id: Int64, _ update: UserUpdate, with effects: AccountEffects) async throws -> User
    /// Stores `effects` for an existing user; `.notFound` when the user is gone.
    func issue(_ effects: AccountEffects, userID: Int64) async throws
    /// The user a usable (unspent, unexpired) token belongs to, or `nil`.
    func tokenOwner(hash: String, purpose: AccountTokenPurpose, now: Date) async throws -> User?
    /// Spends a usable token and applies `update` to its user, atomically; `nil` when the
    /// token is unknown, spent, expired or (for verification) for an address the user no
    /// longer has. Redeeming a reset also spends the user's other reset tokens.
    func redeem(hash: String, purpose: AccountTokenPurpose, now: Date, update: UserUpdate) async throws -> User?
    /// Deletes spent and expired tokens; returns how many.
    func sweepAccountTokens(now: Date) async throws -> Int
}
