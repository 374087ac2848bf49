import CSodium

/// SHA-256 in lower-case hex (libsodium): the fingerprint of migration files and the form in
/// which refresh tokens are stored.
public enum SHA256 {
    /// The digest of `bytes`.
    public static func hex(_ bytes: [UInt8]) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        crypto_hash_sha256(&digest, bytes, UInt64(bytes.count))
        return digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
