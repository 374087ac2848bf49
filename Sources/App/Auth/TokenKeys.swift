import Settings
import Storage

/// The signing key and the previous keys still accepted, each with its `kid`: a fingerprint
/// of the key (never the key), so a token names the key that verifies it.
struct TokenKeys: Sendable, Equatable {
    let current: String
    let previous: [String]

    /// `kid` for `secret`: the first 16 hex digits of its SHA-256.
    static func kid(_ secret: String) -> String {
        String(SHA256.hex(Array("user-auth-service kid:\(secret)".utf8)).prefix(16))
    }

    /// Placeholders people copy from examples; refused as keys.
    static let placeholders: Set<String> = [
        "change-me-to-the-output-of-openssl-rand-hex-32", "changeme", "change-me", "secret", "your-secret-key",
        "your-secret-key-here", "supersecret",
    ]

    /// Refuses a key that is plainly weak: a placeholder, one repeated character, or fewer
    /// than 16 distinct bytes; `name` is the variable it came from.
    static func check(_ secret: String, name: String) throws {
        let bytes = Array(secret.utf8)
        let advice = "generate one with: openssl rand -hex 32"
        if placeholders.contains(secret.lowercased()) { throw ConfigurationError("\(name) is the example placeholder; \(advice)") }
        if Set(bytes).count == 1 { throw ConfigurationError("\(name) is one character repeated; \(advice)") }
        if Set(bytes).count < 16 { throw ConfigurationError("\(name) has fewer than 16 distinct characters; \(advice)") }
    }
}
