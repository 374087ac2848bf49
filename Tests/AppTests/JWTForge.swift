import CSodium
import Foundation

/// Builds tokens by hand, for the attacks a real library would refuse to make.
enum JWTForge {
    static func token(header: [String: Any], payload: [String: Any], hmacKey: String?, digest: Digest = .sha256) throws -> String {
        let input = try encode(header) + "." + encode(payload)
        guard let hmacKey else { return input + "." }
        return input + "." + base64URL(digest.mac(Array(input.utf8), key: Array(hmacKey.utf8)))
    }

    /// Valid claims for user `id`, expiring in an hour unless `expires` says otherwise.
    static func claims(sub: Int64, version: Int64 = 0, expires: Date = Date().addingTimeInterval(3600)) -> [String: Any] {
        ["sub": String(sub), "iat": Int(Date().timeIntervalSince1970), "exp": Int(expires.timeIntervalSince1970), "jti": UUID().uuidString, "ver": version]
    }

    /// Splits a token into its three parts and replaces the payload, keeping the signature.
    static func replacingPayload(of token: String, with payload: [String: Any]) throws -> String {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        return "\(parts[0]).\(try encode(payload)).\(parts[2])"
    }

    enum Digest {
        case sha256
        case sha512

        func mac(_ message: [UInt8], key: [UInt8]) -> [UInt8] {
            switch self {
            case .sha256:
                var state = crypto_auth_hmacsha256_state()
                var out = [UInt8](repeating: 0, count: 32)
                crypto_auth_hmacsha256_init(&state, key, key.count)
                crypto_auth_hmacsha256_update(&state, message, UInt64(message.count))
                crypto_auth_hmacsha256_final(&state, &out)
                return out
            case .sha512:
                var state = crypto_auth_hmacsha512_state()
                var out = [UInt8](repeating: 0, count: 64)
                crypto_auth_hmacsha512_init(&state, key, key.count)
                crypto_auth_hmacsha512_update(&state, message, UInt64(message.count))
                crypto_auth_hmacsha512_final(&state, &out)
                return out
            }
        }
    }

    private static func encode(_ object: [String: Any]) throws -> String {
        base64URL(Array(try JSONSerialization.data(withJSONObject: object)))
    }

    private static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
