import Settings

/// Who the client is: the TCP peer, unless the peer is a trusted proxy, in which case the
/// right-most `X-Forwarded-For` entry that is not itself a trusted proxy. A client that is
/// not behind a trusted proxy cannot pick its own address.
struct TrustedProxies: Sendable, Equatable {
    let blocks: [CIDR]

    /// Trusts nobody: the client is always the TCP peer.
    static let none = TrustedProxies(blocks: [])

    private init(blocks: [CIDR]) { self.blocks = blocks }

    /// `TRUSTED_PROXIES`: comma-separated addresses or CIDR blocks; empty trusts nobody.
    init(parsing list: String?) throws {
        blocks = try (list ?? "").split(separator: ",").filter { !$0.allSatisfy(\.isWhitespace) }.map { try CIDR(parsing: String($0)) }
    }

    /// The client's address, from the peer and the `X-Forwarded-For` values (in order).
    func client(peer: String?, forwardedFor: [String]) -> String? {
        // Nobody trusted (the default): the peer as the socket gave it, with nothing to parse.
        guard !blocks.isEmpty, let peer, let peerAddress = IPAddress(peer) else { return peer }
        guard isTrusted(peerAddress) else { return peerAddress.description }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.compactMap { IPAddress($0) }
        // Right to left: the first hop no trusted proxy vouches for is the client.
        return (hops.last { !isTrusted($0) } ?? hops.first ?? peerAddress).description
    }

    private func isTrusted(_ address: IPAddress) -> Bool {
        blocks.contains { $0.contains(address) }
    }
}
