public import Storage

/// Where one version stands: in the files, in the database, or both.
public struct MigrationState: Sendable, Equatable {
    /// The version.
    public let version: Int
    /// Its name, from the file or else from the history.
    public let name: String
    /// The history row, when applied.
    public let applied: AppliedMigration?
    /// Whether a file exists for it.
    public let hasFile: Bool
    /// Applied, but the up file's checksum no longer matches the one applied.
    public let changed: Bool

    /// Not applied yet.
    public var isPending: Bool { applied == nil }

    /// Applied, and its file is still there: nothing for `up` to do or refuse.
    public var isSettled: Bool { !isPending && hasFile }
}
