@testable import App
import CSodium
import Foundation
import Testing

/// Builds tokens by hand, for the attacks a real library would refuse to make.
enum JWTForge {
    static func token(header: [String: Any], payload: [String: Any], hmacKey: String?, digest: Digest = .sha256) throws -> String {
        let input = try encode(header) + "." + encode(payload)
        guard let hmacKey else { return input + "." }
        return input + "." + base64URL(digest.mac(Array(input.utf8), key: Array(hmacKey.utf8)))
    }

    /// Valid claims for user `id`, expiring in an hour unless `expires` says otherwise.
    static func claims(sub: Int64, version: Int64 = 0, expires: Date = Date().addingTimeInterval(3600), issued: Date = Date()) -> [String: Any] {
        [
            "iss": "user-auth-service", "aud": "user-auth-service", "sub": String(sub), "iat": Int(issued.timeIntervalSince1970),
            "exp": Int(expires.timeIntervalSince1970), "jti": UUID().uuidString, "ver": version,
        ]
    }

    /// The header the service writes, for `secret`'s key.
    static func header(_ secret: String = AppHarness.secret, algorithm: String = "HS256") -> [String: Any] {
        ["alg": algorithm, "typ": "at+jwt", "kid": TokenKeys.kid(secret)]
    }

    /// The decoded header of `token`.
    static func header(of token: String) throws -> [String: String] {
        let part = try #require(Data(base64URLEncoded: String(token.split(separator: ".")[0])))
        return try #require(try JSONSerialization.jsonObject(with: part) as? [String: String])
    }

    /// The payload of `token`, as the JSON text it is.
    static func payloadText(of token: String) throws -> String {
        String(decoding: try #require(Data(base64URLEncoded: String(token.split(separator: ".")[1]))), as: UTF8.self)
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
