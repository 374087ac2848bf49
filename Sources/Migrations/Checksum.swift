import Glibc
import Storage

/// File fingerprints for the migration history.
enum Checksum {
    /// SHA-256 of `bytes` in hex, after turning CRLF line endings into LF so a checkout
    /// with other line endings does not look changed.
    static func sha256(normalizing bytes: [UInt8]) -> String {
        SHA256.hex(hasCarriageReturn(bytes) ? removingCRBeforeLF(bytes) : bytes)
    }

    // Most files have no CR at all; memchr finds that out without a byte-by-byte Swift loop.
    private static func hasCarriageReturn(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in buffer.baseAddress.map { memchr($0, 13, buffer.count) != nil } ?? false }
    }

    private static func removingCRBeforeLF(_ bytes: [UInt8]) -> [UInt8] {
        var normalized: [UInt8] = []
        normalized.reserveCapacity(bytes.count)
        for (index, byte) in bytes.enumerated() where !(byte == 13 && index + 1 < bytes.count && bytes[index + 1] == 10) {
            normalized.append(byte)
        }
        return normalized
    }
}
