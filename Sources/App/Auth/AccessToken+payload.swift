import JWTKit

extension AccessToken {
    /// The claims of a token's payload, read with `FlatJSON`; nil when a claim it needs is
    /// missing or any claim it knows has the wrong type (claims it does not know are ignored).
    init?(payload: [UInt8]) {
        guard let claims = FlatJSON.object(payload),
            case .string(let sub)? = claims["sub"], case .string(let jti)? = claims["jti"],
            case .integer(let iat)? = claims["iat"], case .integer(let exp)? = claims["exp"], case .integer(let ver)? = claims["ver"],
            case .some(let iss) = Self.string(claims["iss"]), case .some(let aud) = Self.string(claims["aud"]),
            case .some(let sid) = Self.string(claims["sid"]), case .some(let authTime) = Self.integer(claims["auth_time"])
        else { return nil }
        self.init(iss: iss, aud: aud, sub: .init(value: sub), iat: iat, exp: exp, jti: .init(value: jti), ver: ver, sid: sid, authTime: authTime)
    }

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
