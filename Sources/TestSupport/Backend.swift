public import Storage
import Foundation

/// A storage backend the contract tests run against.
public enum Backend: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqliteMemory = "sqlite-memory"
    case sqliteFile = "sqlite-file"
    case postgres

    public var description: String { rawValue }

    /// Backends whose databases outlive a connection (the migrator's concurrency needs two).
    public static let persistent: [Backend] = [.sqliteFile, .postgres]

    /// The dialect (and `sql/` folder) of this backend.
    public var dialect: Dialect { self == .postgres ? .postgres : .sqlite }
}
