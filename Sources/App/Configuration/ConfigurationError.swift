/// A setting the service cannot start with; the message is one line and never holds a secret.
struct ConfigurationError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
