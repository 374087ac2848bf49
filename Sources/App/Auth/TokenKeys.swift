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

    /// Refuses a key that is plainly weak: a placeholder, one repeated character, or key
    /// material of fewer than 16 distinct bytes; `name` is the variable it came from. A key
    /// written in hex (`openssl rand -hex 32`) is judged by the bytes it spells, since hex
    /// text has at most 16 distinct characters however random it is.
    static func check(_ secret: String, name: String) throws {
        let advice = "generate one with: openssl rand -hex 32"
        if placeholders.contains(secret.lowercased()) { throw ConfigurationError("\(name) is the example placeholder; \(advice)") }
        if Set(secret.utf8).count == 1 { throw ConfigurationError("\(name) is one character repeated; \(advice)") }
        if Set(material(secret)).count < 16 { throw ConfigurationError("\(name) has fewer than 16 distinct bytes; \(advice)") }
    }

    /// The bytes `secret` spells if it is hex, else its UTF-8 bytes.
    static func material(_ secret: String) -> [UInt8] {
        let digits = Array(secret.utf8)
        let values = digits.compactMap(hexValue)
        guard digits.count.isMultiple(of: 2), values.count == digits.count else { return digits }
        return stride(from: 0, to: values.count, by: 2).map { values[$0] << 4 | values[$0 + 1] }
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
