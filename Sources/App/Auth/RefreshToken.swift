import Foundation
import Storage

/// Opaque secrets handed to clients: refresh tokens and session ids. Only a refresh token's
/// SHA-256 is stored, so a copy of the database cannot be used to refresh.
enum RefreshToken {
    /// A new refresh token: 256 random bits, base64url.
    static func make() -> String { randomBase64URL(bytes: 32) }

    /// A new session id: 128 random bits, base64url.
    static func makeSessionID() -> String { randomBase64URL(bytes: 16) }

    /// SHA-256 of `token` in hex, as stored.
    static func hash(_ token: String) -> String { SHA256.hex(Array(token.utf8)) }

    private static func randomBase64URL(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
