public import Foundation

/// A single-use token to store for a user: only its SHA-256 hash, never the token.
public struct NewAccountToken: Sendable, Equatable {
    /// SHA-256 of the token, as lowercase hex.
    public var hash: String
    /// What the token may be redeemed for.
    public var purpose: AccountTokenPurpose
    /// The address the token is mailed to; a verification token verifies only this address.
    public var email: String
    /// When the token was issued.
    public var createdAt: Date
    /// When the token stops being accepted.
    public var expiresAt: Date

    public init(hash: String, purpose: AccountTokenPurpose, email: String, createdAt: Date, expiresAt: Date) {
        self.hash = hash
        self.purpose = purpose
        self.email = email
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
