import Hummingbird

/// `Strict-Transport-Security` on every response, when the service itself serves HTTPS.
struct HSTSMiddleware<Context: RequestContext>: RouterMiddleware {
    let value: String

    init(maxAge: Int) { value = "max-age=\(maxAge)" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.strictTransportSecurity] = value
        return response
    }
}
