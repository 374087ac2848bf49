import Hummingbird
import Storage

/// One entry of `GET /users/me/sessions`.
struct SessionResponse: Encodable, Equatable {
    let id: String
    let createdAt: String
    let lastUsedAt: String
    let expiresAt: String
    let userAgent: String?
    let ip: String?
    /// True for the session of the token that asked.
    let current: Bool

    init(_ session: Session, currentID: String?) {
        id = session.id
        createdAt = Timestamp.iso8601(session.createdAt)
        lastUsedAt = Timestamp.iso8601(session.lastUsedAt)
        expiresAt = Timestamp.iso8601(session.expiresAt)
        userAgent = session.userAgent
        ip = session.ip
        current = session.id == currentID
    }

    /// Every key, with `null` for an unknown user agent or address, so clients see one shape.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(lastUsedAt, forKey: .lastUsedAt)
        try container.encode(expiresAt, forKey: .expiresAt)
        try container.encode(userAgent, forKey: .userAgent)
        try container.encode(ip, forKey: .ip)
        try container.encode(current, forKey: .current)
    }

    private enum CodingKeys: String, CodingKey {
        case id, current, ip
        case createdAt = "created_at"
        case lastUsedAt = "last_used_at"
        case expiresAt = "expires_at"
        case userAgent = "user_agent"
    }
}

/// The session list, answered as a JSON array.
struct SessionList: ResponseEncodable {
    let sessions: [SessionResponse]

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(sessions)
    }
}
