/// The length limits of the account fields, in Unicode code points: validation enforces them
/// and the OpenAPI schema publishes them, both from here.
enum FieldLimits {
    /// Usernames, counted after NFKC.
    static let username = 3...64
    /// Email addresses (RFC 5321's path limit).
    static let emailMax = 254
    /// Passwords: NIST SP 800-63B's minimum, and a cap that bounds hashing work.
    static let password = 8...1024
}
