/// A single-use token for a mail link (password reset, email verification): 256 random
/// bits, base64url, of which only the SHA-256 is stored.
struct MailedToken: Sendable {
    /// The token, for the link; never stored or logged.
    let token: String
    /// Its SHA-256, as stored.
    let hash: String

    /// A fresh token.
    init() {
        token = RefreshToken.make()
        hash = RefreshToken.hash(token)
    }

    /// The stored form of a presented token.
    static func hash(_ token: String) -> String { RefreshToken.hash(token) }

    /// Whether `text` can be a token at all (43 base64url characters), before any lookup.
    static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == 43 && text.utf8.allSatisfy { byte in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
    }
}
