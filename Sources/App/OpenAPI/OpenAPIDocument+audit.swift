extension OpenAPIDocument {
    static var events: [String: Any] { [
        "summary": "The current user's security events, newest first", "operationId": "listEvents", "security": bearer,
        "parameters": [
            ["name": "limit", "in": "query", "required": false, "schema": ["type": "integer", "minimum": 1, "maximum": 100, "default": 20]],
            ["name": "before", "in": "query", "required": false, "schema": ["type": "string", "pattern": "^[0-9a-f]{23}$"],
             "description": "The id of the last event already seen"],
        ],
        "responses": responses(200, "Events", ["type": "array", "items": ref("AuditEvent")], errors: [401, 422, 503]),
    ] }

    static var auditSchemas: [String: Any] {
        [
            "AuditEvent": object([
                "id": ["type": "string"], "type": ["type": "string"], "occurred_at": ["type": "string", "format": "date-time"],
                "ip": ["type": ["string", "null"]], "user_agent": ["type": ["string", "null"]],
            ], required: ["id", "type", "occurred_at", "ip", "user_agent"]),
        ]
    }
}
