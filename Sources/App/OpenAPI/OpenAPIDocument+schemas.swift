extension OpenAPIDocument {
    /// Characters no field takes: control characters (C0 with NUL, DEL, C1), line and
    /// paragraph separators, and the private-use area; as the body of a regex class.
    static let unprintable = #"\u0000-\u001F\u007F-\u009F\u2028\u2029\uE000-\uF8FF"#
    /// Any string without a NUL, which the service refuses in every field.
    static var text: [String: Any] { ["type": "string", "pattern": #"^[^\u0000]*$"#] }

    private static var username: [String: Any] { [
        "type": "string", "minLength": FieldLimits.username.lowerBound, "maxLength": FieldLimits.username.upperBound,
        // First and last character not whitespace; none a control character or @.
        "pattern": "^[^\\s@\(unprintable)]([^@\(unprintable)]*[^\\s@\(unprintable)])?$",
        "description": "Any printable Unicode but @ (NFKC, so also its fullwidth and small forms), 3-64 code points after NFKC, no leading or trailing whitespace; unique ignoring case",
    ] }
    static var email: [String: Any] { [
        "type": "string", "format": "email", "maxLength": FieldLimits.emailMax, "pattern": "^[^\\s@\(unprintable)]+@[^\\s@.\(unprintable)]+(\\.[^\\s@.\(unprintable)]+)+$",
        "description": "Unique ignoring case",
    ] }
    static var password: [String: Any] { [
        "type": "string", "minLength": FieldLimits.password.lowerBound, "maxLength": FieldLimits.password.upperBound, "writeOnly": true,
        "pattern": #"^[^\u0000]*$"#, "description": "Not a common password, nor the username, the email or its local part",
    ] }

    /// `schema`, or `null` (PUT /users/me accepts `null` as "leave unchanged", as the Python service did).
    static func nullable(_ schema: [String: Any]) -> [String: Any] {
        var schema = schema
        schema["type"] = ["string", "null"]
        return schema
    }

    static var schemas: [String: Any] {
        sessionSchemas.merging(baseSchemas) { $1 }.merging(recoverySchemas) { $1 }.merging(auditSchemas) { $1 }
    }

    private static var baseSchemas: [String: Any] {
        [
            "User": object(["id": ["type": "integer"], "username": ["type": "string"], "email": ["type": "string"],
                            "created_at": ["type": "string", "format": "date-time"],
                            "email_verified": ["type": "boolean", "description": "Whether the user has opened a verification or reset link sent to this address"]],
                           required: ["id", "username", "email", "created_at", "email_verified"]),
            "RegisterRequest": object(["username": username, "email": email, "password": password], required: ["username", "email", "password"]),
            "UpdateRequest": object(["username": nullable(username), "email": nullable(email), "password": nullable(password),
                                     "current_password": nullable(text).merging(["writeOnly": true, "description": "Needed for email and password changes unless the login is recent"]) { $1 }], required: []),
            "LoginRequest": object(["username": text.merging(["description": "Username or email"]) { $1 }, "password": text], required: ["username", "password"]),
            "LoginForm": object(["username": text.merging(["description": "Username or email"]) { $1 }, "password": text,
                                 "grant_type": ["type": "string", "enum": ["password", "refresh_token"]], "scope": text,
                                 "refresh_token": text.merging(["description": "With grant_type=refresh_token, instead of username and password"]) { $1 }], required: []),
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
