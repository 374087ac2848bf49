import Foundation
import Settings

/// An address block such as `10.0.0.0/8` or `fd00::/8`; a bare address is a block of one.
struct CIDR: Sendable, Equatable {
    let network: IPAddress
    let prefixLength: Int

    init(parsing text: String) throws {
        let parts = text.trimmingPrefix(while: \.isWhitespace).split(separator: "/", maxSplits: 1)
        guard let first = parts.first, let network = IPAddress(first) else {
            throw ConfigurationError("TRUSTED_PROXIES: '\(text)' is not an address or CIDR block")
        }
        let bits = network.bytes.count * 8
        let length = parts.count == 2 ? Int(parts[1].trimmingCharacters(in: .whitespaces)) : bits
        guard let length, (0...bits).contains(length) else {
            throw ConfigurationError("TRUSTED_PROXIES: '\(text)' has a prefix length outside 0...\(bits)")
        }
        self.network = network
        self.prefixLength = length
    }

    /// Whether `address` lies in the block.
    func contains(_ address: IPAddress) -> Bool {
        guard address.bytes.count == network.bytes.count else { return false }
        var remaining = prefixLength
        for (mine, theirs) in zip(network.bytes, address.bytes) where remaining > 0 {
            let mask: UInt8 = remaining >= 8 ? 0xFF : ~(0xFF >> UInt8(remaining))
            guard mine & mask == theirs & mask else { return false }
            remaining -= 8
        }
        return true
    }
}
