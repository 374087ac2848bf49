/// A setting a command cannot start with; the message is one line and never holds a secret.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}
