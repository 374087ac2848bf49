/// Where the three segments of a compact JWS (`header.payload.signature`, RFC 7515 §7.1)
/// lie in the token's bytes, found in one pass without copying them.
struct CompactToken {
    let header: Range<Int>
    let payload: Range<Int>
    let signature: Range<Int>

    /// What the signature covers: `header.payload`.
    var signingInput: Range<Int> { header.lowerBound..<payload.upperBound }

    /// Splits `bytes` at its dots; nil unless there are exactly two.
    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        let dot = UInt8(ascii: ".")
        guard let first = bytes.firstIndex(of: dot),
            let second = bytes[(first + 1)...].firstIndex(of: dot),
            !bytes[(second + 1)...].contains(dot)
        else { return nil }
        header = 0..<first
        payload = first + 1..<second
        signature = second + 1..<bytes.count
    }
}
