extension OpenAPIDocument {
    /// Operations that need a bearer token list both ways of presenting one.
    static var bearer: [[String: [String]]] { [["OAuth2PasswordBearer": []], ["bearer": []]] }

    static var refresh: [String: Any] { [
        "summary": "Exchange a refresh token for a new access token and a new refresh token (rotation)",
        "description": "Each refresh token works once. Presenting a spent one again revokes its whole session (OAuth 2.0 Security BCP). The same exchange works as grant_type=refresh_token on /users/login.",
        "operationId": "refresh",
        "requestBody": ["required": true, "content": [
            "application/json": ["schema": ref("RefreshRequest")],
            "application/x-www-form-urlencoded": ["schema": ref("RefreshRequest")],
        ]],
        "responses": responses(200, "A new token pair", ref("Token"), errors: [401, 413, 415, 422, 503]),
    ] }

    static var logout: [String: Any] { [
        "summary": "End this session (scope=local), every session (global) or every other one (others)",
        "operationId": "logout", "security": bearer,
        "parameters": [["name": "scope", "in": "query", "required": false,
                        "schema": ["type": "string", "enum": ["local", "global", "others"], "default": "local"]]],
        "responses": noContent(errors: [401, 422, 503]),
    ] }

    static var deleteMe: [String: Any] { [
        "summary": "Delete the current user and return it; needs a recent login or current_password",
        "security": bearer,
        "requestBody": ["required": false, "content": ["application/json": ["schema": ref("DeleteRequest")]]],
        "responses": responses(200, "The deleted user", ref("User"), errors: [401, 403, 413, 415, 422, 429, 503]),
    ] }

    static var sessions: [String: Any] { [
        "summary": "The current user's active sessions, newest first", "operationId": "listSessions", "security": bearer,
        "responses": responses(200, "Active sessions", ["type": "array", "items": ref("Session")], errors: [401, 503]),
    ] }

    static var revokeSession: [String: Any] { [
        "summary": "Revoke one of the current user's sessions", "operationId": "revokeSession", "security": bearer,
        "parameters": [["name": "id", "in": "path", "required": true, "schema": ["type": "string"]]],
        "responses": noContent(errors: [401, 404, 503]),
    ] }

    static var sessionSchemas: [String: Any] {
        [
            "RefreshRequest": ["type": "object", "properties": ["refresh_token": text, "grant_type": ["type": "string", "enum": ["refresh_token"]]],
                               "required": ["refresh_token"]],
            "DeleteRequest": ["type": "object", "properties": ["current_password": text.merging(["writeOnly": true]) { $1 }], "required": [String]()],
            "Session": ["type": "object", "properties": [
                "id": ["type": "string"], "created_at": ["type": "string", "format": "date-time"],
                "last_used_at": ["type": "string", "format": "date-time"], "expires_at": ["type": "string", "format": "date-time"],
                "user_agent": ["type": ["string", "null"]], "ip": ["type": ["string", "null"]], "current": ["type": "boolean"],
            ], "required": ["id", "created_at", "last_used_at", "expires_at", "user_agent", "ip", "current"]],
        ]
    }

    private static func noContent(errors: [Int]) -> [String: Any] {
        var result = responses(200, "", [:], errors: errors)
        result["200"] = nil
        result["204"] = ["description": "Done"]
        return result
    }
}
