extension [UInt8] {
    /// Decodes unpadded base64url (RFC 4648 §5), as JWT segments are written. Only the
    /// canonical form is accepted: no padding, no other characters, unused bits zero. Read
    /// byte by byte, since it runs on every authenticated request.
    init?(base64URLEncoded text: some Collection<UInt8>) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count * 3 / 4)
        var (accumulator, bits): (UInt32, UInt32) = (0, 0)
        for character in text {
            let value = Base64URL.values[Int(character)]
            guard value < 64 else { return nil }
            accumulator = (accumulator << 6 | UInt32(value)) & 0xFFFF
            bits += 6
            if bits >= 8 {
                bits -= 8
                bytes.append(UInt8(truncatingIfNeeded: accumulator >> bits))
            }
        }
        guard text.count % 4 != 1, accumulator & ((1 << bits) - 1) == 0 else { return nil }
        self = bytes
    }
}

/// The base64url alphabet as a lookup table: each byte's value, or 255 outside it.
private enum Base64URL {
    static let values: [UInt8] = {
        var table = [UInt8](repeating: 255, count: 256)
        for (index, character) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8.enumerated() {
            table[Int(character)] = UInt8(index)
        }
        return table
    }()
}
