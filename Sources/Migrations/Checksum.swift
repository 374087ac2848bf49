import CSodium

/// File fingerprints for the migration history.
enum Checksum {
    /// SHA-256 of `bytes` in hex, after turning CRLF line endings into LF so a checkout
    /// with other line endings does not look changed.
    static func sha256(normalizing bytes: [UInt8]) -> String {
        var normalized: [UInt8] = []
        normalized.reserveCapacity(bytes.count)
        for (index, byte) in bytes.enumerated() {
            let isCRBeforeLF = byte == 13 && index + 1 < bytes.count && bytes[index + 1] == 10
            if !isCRBeforeLF { normalized.append(byte) }
        }
        var digest = [UInt8](repeating: 0, count: 32)
        crypto_hash_sha256(&digest, normalized, UInt64(normalized.count))
        return digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
