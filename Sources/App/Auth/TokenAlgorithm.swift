import Crypto
import Foundation
import JWTKit

/// The HMAC algorithms `ALGORITHM` may name.
enum TokenAlgorithm: String, Sendable, CaseIterable {
    case hs256 = "HS256"
    case hs384 = "HS384"
    case hs512 = "HS512"

    /// RFC 7518 §3.2: the key must be at least as long as the hash output.
    var minimumKeyBytes: Int {
        switch self {
        case .hs256: 32
        case .hs384: 48
        case .hs512: 64
        }
    }

    var digest: DigestAlgorithm {
        switch self {
        case .hs256: .sha256
        case .hs384: .sha384
        case .hs512: .sha512
        }
    }
}
