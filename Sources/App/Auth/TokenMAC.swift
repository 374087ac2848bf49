import Crypto

/// One token key's HMAC with the key already absorbed (its inner and outer hash states made
/// once), so that checking a signature hashes only the token: deriving them again for every
/// request cost as much as the rest of the check.
struct TokenMAC: Sendable {
    private enum Keyed: Sendable {
        case hs256(HMAC<SHA256>)
        case hs384(HMAC<SHA384>)
        case hs512(HMAC<SHA512>)
    }

    private let keyed: Keyed

    init(_ algorithm: TokenAlgorithm, key: SymmetricKey) {
        keyed = switch algorithm {
        case .hs256: .hs256(HMAC(key: key))
        case .hs384: .hs384(HMAC(key: key))
        case .hs512: .hs512(HMAC(key: key))
        }
    }

    /// Whether `signature` is the HMAC of `message`, compared in constant time.
    func isValid(_ signature: [UInt8], for message: UnsafeRawBufferPointer) -> Bool {
        switch keyed {
        case .hs256(let keyed): Self.code(keyed, message) == signature
        case .hs384(let keyed): Self.code(keyed, message) == signature
        case .hs512(let keyed): Self.code(keyed, message) == signature
        }
    }

    private static func code<H: HashFunction>(_ keyed: HMAC<H>, _ message: UnsafeRawBufferPointer) -> HashedAuthenticationCode<H> {
        var mac = keyed
        mac.update(data: message)
        return mac.finalize()
    }
}
