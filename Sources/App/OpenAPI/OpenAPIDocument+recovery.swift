extension OpenAPIDocument {
    static var forgotPassword: [String: Any] { [
        "summary": "Mail a password-reset link to the account with this email, if there is one",
        "description": "The answer is the same, after about the same time, whether or not an account has the address.",
        "operationId": "forgotPassword",
        "requestBody": formOrJSON(ref("ForgotPasswordRequest")),
        "responses": responses(202, "Accepted", ref("Error"), errors: [413, 415, 422, 429, 503]),
    ] }

    static var resetPassword: [String: Any] { [
        "summary": "Set a new password with a reset token; ends every session and verifies the email",
        "operationId": "resetPassword",
        "requestBody": formOrJSON(ref("ResetPasswordRequest")),
        "responses": responses(200, "The user", ref("User"), errors: [400, 413, 415, 422, 429, 503]),
    ] }

    static var verifyEmail: [String: Any] { [
        "summary": "Verify the email address with a verification token", "operationId": "verifyEmail",
        "requestBody": formOrJSON(ref("TokenRequest")),
        "responses": responses(200, "The user", ref("User"), errors: [400, 413, 415, 422, 503]),
    ] }

    static var resendVerification: [String: Any] { [
        "summary": "Mail the verification link again", "operationId": "resendVerification", "security": bearer,
        "responses": responses(202, "Accepted", ref("Error"), errors: [401, 409, 429, 503]),
    ] }

    static func linkPage(_ summary: String) -> [String: Any] {
        var spec = plain(summary, schema: ["type": "string"], mediaType: "text/html")
        spec["parameters"] = [["name": "token", "in": "query", "required": true, "schema": token]]
        var answers = spec["responses"] as? [String: Any] ?? [:]
        answers["400"] = ["description": "Not a token", "content": ["application/json": ["schema": ref("Error")]]]
        spec["responses"] = answers
        return spec
    }

    /// A mailed token: 43 base64url characters.
    static var token: [String: Any] { ["type": "string", "pattern": "^[A-Za-z0-9_-]{43}$"] }

    static var recoverySchemas: [String: Any] {
        [
            "ForgotPasswordRequest": object(["email": email], required: ["email"]),
            "ResetPasswordRequest": object(["token": token, "new_password": password], required: ["token", "new_password"]),
            "TokenRequest": object(["token": token], required: ["token"]),
        ]
    }

    private static func formOrJSON(_ schema: [String: Any]) -> [String: Any] {
        ["required": true, "content": ["application/json": ["schema": schema], "application/x-www-form-urlencoded": ["schema": schema]]]
    }
}
