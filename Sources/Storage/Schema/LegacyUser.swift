public import Foundation

/// A row of the Python service's `users` table.
public struct LegacyUser: Sendable, Equatable {
    public let id: Int64
    public let username: String
    public let email: String
    /// The passlib hash (bcrypt), kept as it is.
    public let passwordHash: String
    /// `created_at` read as UTC; nil when the table has no such column.
    public let createdAt: Date?
}
