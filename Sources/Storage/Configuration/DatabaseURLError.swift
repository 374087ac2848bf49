/// A `DATABASE_URL` that cannot be used; the message never contains the password.
public struct DatabaseURLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One line saying what is wrong.
    public let message: String

    init(_ message: String) { self.message = message }

    public var description: String { "invalid DATABASE_URL: \(message)" }
}
