import Foundation

extension SQLUserStorage: AuditStorage {
    func record(_ event: AuditEvent) async throws {
        let binds: [SQLValue] = [
            .text(event.id), .integer(Timestamp.milliseconds(event.occurredAt)), .text(event.type),
            event.userID.map(SQLValue.integer) ?? .null, .optional(event.reason), .optional(event.client),
            .optional(event.userAgent), .optional(event.requestID),
        ]
        let sql = auditQueries.insert
        try await writer.withConnection { _ = try $0.query(sql, binds) }
    }

    func events(userID: Int64, before: String?, limit: Int) async throws -> [AuditEvent] {
        let first = [SQLValue.integer(userID), .integer(Int64(limit))]
        let (sql, binds) = before.map { (auditQueries.page, first + [.text($0)]) } ?? (auditQueries.firstPage, first)
        return try await readers.withConnection(retry: true) { try $0.query(sql, binds).map { try $0.decode(AuditEvent.self) } }
    }

    func sweepAuditEvents(before: Date) async throws -> Int {
        let sql = auditQueries.sweep
        return try await writer.withConnection { try $0.query(sql, [.integer(Timestamp.milliseconds(before))]).count }
    }
}
