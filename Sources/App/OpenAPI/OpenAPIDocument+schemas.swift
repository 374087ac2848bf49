extension OpenAPIDocument {
    private static var username: [String: Any] { ["type": "string", "minLength": FieldLimits.username.lowerBound, "maxLength": FieldLimits.username.upperBound, "description": "Any printable Unicode but @, no leading or trailing whitespace; unique ignoring case"] }
    static var email: [String: Any] { ["type": "string", "format": "email", "maxLength": FieldLimits.emailMax, "description": "Unique ignoring case"] }
    static var password: [String: Any] { ["type": "string", "minLength": FieldLimits.password.lowerBound, "maxLength": FieldLimits.password.upperBound, "writeOnly": true, "description": "Not a common password, nor the username, the email or its local part"] }

    static var schemas: [String: Any] {
        sessionSchemas.merging(baseSchemas) { $1 }.merging(recoverySchemas) { $1 }
    }

    private static var baseSchemas: [String: Any] {
        [
            "User": object(["id": ["type": "integer"], "username": ["type": "string"], "email": ["type": "string"],
                            "created_at": ["type": "string", "format": "date-time"],
                            "email_verified": ["type": "boolean", "description": "Whether the user has opened a verification or reset link sent to this address"]],
                           required: ["id", "username", "email", "created_at", "email_verified"]),
            "RegisterRequest": object(["username": username, "email": email, "password": password], required: ["username", "email", "password"]),
            "UpdateRequest": object(["username": username, "email": email, "password": password,
                                     "current_password": ["type": "string", "writeOnly": true, "description": "Needed for email and password changes unless the login is recent"]], required: []),
            "LoginRequest": object(["username": ["type": "string", "description": "Username or email"], "password": ["type": "string"]], required: ["username", "password"]),
            "LoginForm": object(["username": ["type": "string", "description": "Username or email"], "password": ["type": "string"],
                                 "grant_type": ["type": "string", "enum": ["password", "refresh_token"]], "scope": ["type": "string"],
                                 "refresh_token": ["type": "string", "description": "With grant_type=refresh_token, instead of username and password"]], required: []),
            "Token": object(["access_token": ["type": "string"], "token_type": ["type": "string", "enum": ["bearer"]],
                             "expires_in": ["type": "integer"], "refresh_token": ["type": "string"]], required: ["access_token", "token_type"]),
            "Status": object(["status": ["type": "string"]], required: ["status"]),
            "Error": object(["detail": ["type": "string"]], required: ["detail"]),
            "ValidationError": object(["detail": ["type": "array", "items": object(
                ["loc": ["type": "array", "items": ["type": ["string", "integer"]]], "msg": ["type": "string"], "type": ["type": "string"]],
                required: ["loc", "msg", "type"])]], required: ["detail"]),
        ]
    }

    static func object(_ properties: [String: Any], required: [String]) -> [String: Any] {
        ["type": "object", "properties": properties, "required": required]
    }
}
