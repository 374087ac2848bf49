/// One versioned schema change for one dialect: an up and a down script.
public struct Migration: Sendable, Equatable {
    /// The version number from the file name (`0001_...` is 1).
    public let version: Int
    /// The name part of the file name (`0001_create_users` is `create_users`).
    public let name: String
    /// The SQL that applies the change.
    public let up: String
    /// The SQL that reverts it.
    public let down: String
    /// SHA-256 (hex) of the up file with line endings normalised.
    public let checksum: String
    /// The up file's path, for messages.
    public let upPath: String
    /// The down file's path, for messages.
    public let downPath: String
}
