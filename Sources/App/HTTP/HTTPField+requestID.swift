import HTTPTypes

extension HTTPField.Name {
    // A valid token by construction, so the unwrap cannot fail.
    static let requestID = HTTPField.Name("X-Request-ID")!
}
