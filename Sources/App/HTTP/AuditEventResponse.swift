import Foundation
import Storage

/// One entry of `GET /users/me/events`. The reason of a failure is not shown.
struct AuditEventResponse: Encodable, Equatable {
    let id: String
    let type: String
    let occurredAt: String
    let ip: String?
    let userAgent: String?

    init(_ event: AuditEvent) {
        id = event.id
        type = event.type
        occurredAt = Timestamp.iso8601(event.occurredAt)
        ip = event.client
        userAgent = event.userAgent
    }

    /// 23 characters of [0-9a-f], as `AuditEvent.makeID` writes them.
    static func isWellFormedID(_ text: String) -> Bool {
        text.utf8.count == 23 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(type, forKey: .type)
        try container.encode(occurredAt, forKey: .occurredAt)
        try container.encode(ip, forKey: .ip)
        try container.encode(userAgent, forKey: .userAgent)
    }

    private enum CodingKeys: String, CodingKey {
        case id, type, ip
        case occurredAt = "occurred_at"
        case userAgent = "user_agent"
    }
}
