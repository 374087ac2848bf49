import Hummingbird

/// Headers every response carries (OWASP ASVS 14.4): no MIME sniffing, no referrer, no
/// framing, and for JSON no content at all may load; pages that need more (the docs, the
/// link pages) set their own policy. Everything under `/users` — tokens, accounts — is never
/// cached (RFC 6749 §5.1).
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var defaultPolicy: String { "default-src 'none'; frame-ancestors 'none'" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        if response.headers[.referrerPolicy] == nil { response.headers[.referrerPolicy] = "no-referrer" }
        if response.headers[.contentSecurityPolicy] == nil { response.headers[.contentSecurityPolicy] = Self.defaultPolicy }
        if request.uri.path == "/users" || request.uri.path.hasPrefix("/users/") {
            response.headers[.cacheControl] = "no-store"
            response.headers[.pragma] = "no-cache"
        }
        return response
    }
}
