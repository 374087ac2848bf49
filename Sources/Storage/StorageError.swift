/// A typed storage failure; it never carries a password, hash or connection secret.
public struct StorageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure, for callers that map it (to HTTP, exit codes...).
    public enum Code: Sendable, Equatable {
        case conflict
        case notFound
        case unavailable
        case `internal`
    }

    /// A field whose uniqueness a write would break.
    public enum Field: String, Sendable, Equatable {
        case username
        case email
    }

    private enum Base: Equatable {
        case conflict(Field)
        case notFound
        case unavailable(String)
        case `internal`(String)
    }

    private let base: Base

    private init(_ base: Base) { self.base = base }

    /// Another user already has this (case-insensitively equal) value.
    public static func conflict(_ field: Field) -> StorageError { .init(.conflict(field)) }
    /// No user matched.
    public static let notFound = StorageError(.notFound)
    /// The database cannot be reached or timed out; retrying later may work.
    public static func unavailable(_ reason: String) -> StorageError { .init(.unavailable(reason)) }
    /// Anything else: a bug or an unexpected database answer.
    public static func `internal`(_ reason: String) -> StorageError { .init(.internal(reason)) }

    /// The kind of failure.
    public var code: Code {
        switch base {
        case .conflict: .conflict
        case .notFound: .notFound
        case .unavailable: .unavailable
        case .internal: .internal
        }
    }

    /// The conflicting field, for `.conflict` errors.
    public var field: Field? {
        if case .conflict(let field) = base { return field }
        return nil
    }

    public var description: String {
        switch base {
        case .conflict(let field): "\(field.rawValue) is already taken"
        case .notFound: "user not found"
        case .unavailable(let reason): "database unavailable: \(reason)"
        case .internal(let reason): "database error: \(reason)"
        }
    }
}
