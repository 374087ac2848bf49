import Glibc

/// An IPv4 or IPv6 address as bytes; IPv4-mapped IPv6 addresses count as IPv4.
struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    let bytes: [UInt8]
    let description: String

    /// Parses dotted IPv4 or textual IPv6 (`inet_pton`); nil for anything else.
    init?(_ text: some StringProtocol) {
        let text = String(text).trimmingPrefix(while: \.isWhitespace).split(separator: " ").first.map(String.init) ?? ""
        var v4 = in_addr(), v6 = in6_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            bytes = withUnsafeBytes(of: &v4) { Array($0) }
        } else if inet_pton(AF_INET6, text, &v6) == 1 {
            let raw = withUnsafeBytes(of: &v6) { Array($0) }
            let mapped = raw.prefix(10).allSatisfy { $0 == 0 } && raw[10] == 0xFF && raw[11] == 0xFF
            bytes = mapped ? Array(raw.suffix(4)) : raw
        } else {
            return nil
        }
        description = bytes.count == 4 ? bytes.map(String.init).joined(separator: ".") : text.lowercased()
    }
}
