import Hummingbird
import NIOCore

/// The pages a mailed link opens: a plain HTML form that posts the token (and, for a reset,
/// the new password) back to the API. No script, no external resource.
enum LinkPage {
    static func reset(_ request: Request) throws -> Response {
        let token = try wellFormedToken(request)
        return page("Choose a new password", action: "/users/password/reset", token: token, fields: """
            <label>New password <input type="password" name="new_password" autocomplete="new-password" required></label>
            """, button: "Set password")
    }

    static func verify(_ request: Request) throws -> Response {
        let token = try wellFormedToken(request)
        return page("Confirm your email address", action: "/users/email/verify", token: token, fields: "", button: "Confirm")
    }

    /// The link's token; only a well-formed one reaches the page, so nothing needs escaping.
    private static func wellFormedToken(_ request: Request) throws -> String {
        guard let token = request.uri.queryParameters.get("token"), MailedToken.isWellFormed(token) else {
            throw APIError(.badRequest, "Invalid or expired token")
        }
        return token
    }

    private static func page(_ title: String, action: String, token: String, fields: String, button: String) -> Response {
        let html = """
            <!doctype html>
            <html><head><meta charset="utf-8"><title>\(title)</title></head>
            <body><h1>\(title)</h1>
            <form method="post" action="\(action)">
            <input type="hidden" name="token" value="\(token)">
            \(fields)
            <button type="submit">\(button)</button>
            </form></body></html>
            """
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-store", .referrerPolicy: "no-referrer",
                // The token is in the URL: no referrer, no resource from anywhere, posting only here.
                .contentSecurityPolicy: "default-src 'none'; form-action 'self'; frame-ancestors 'none'",
            ],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
