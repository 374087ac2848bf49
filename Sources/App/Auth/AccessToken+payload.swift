import JWTKit

extension AccessToken {
    /// The claims of a token's payload, read with `FlatJSON`; nil when a claim it needs is
    /// missing or any claim it knows has the wrong type (claims it does not know are ignored).
    init?(payload: [UInt8]) {
        guard let members = FlatJSON.members(payload) else { return nil }
        var claims = [FlatJSON.Value?](repeating: nil, count: Self.claimNames.count)
        for member in members {
            if let index = Self.claimNames.firstIndex(of: member.name) { claims[index] = member.value }
        }
        guard case .string(let sub)? = claims[0], case .string(let jti)? = claims[1],
            case .integer(let iat)? = claims[2], case .integer(let exp)? = claims[3], case .integer(let ver)? = claims[4],
            case .some(let iss) = Self.string(claims[5]), case .some(let aud) = Self.string(claims[6]),
            case .some(let sid) = Self.string(claims[7]), case .some(let authTime) = Self.integer(claims[8])
        else { return nil }
        self.init(iss: iss, aud: aud, sub: .init(value: sub), iat: iat, exp: exp, jti: .init(value: jti), ver: ver, sid: sid, authTime: authTime)
    }

    /// The claims read, in the order `init(payload:)` takes them.
    private static let claimNames = ["sub", "jti", "iat", "exp", "ver", "iss", "aud", "sid", "auth_time"]

    /// An optional string claim: `.some(nil)` when absent or null, `nil` when of another type.
    private static func string(_ value: FlatJSON.Value?) -> String?? {
        switch value {
        case nil, .null?: .some(nil)
        case .string(let text)?: .some(text)
        default: nil
        }
    }

    /// An optional integer claim, read like `string(_:)`.
    private static func integer(_ value: FlatJSON.Value?) -> Int64?? {
        switch value {
        case nil, .null?: .some(nil)
        case .integer(let number)?: .some(number)
        default: nil
        }
    }
}
