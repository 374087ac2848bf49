import Hummingbird

/// Works out who the client is (see `TrustedProxies`) once, for every handler after it.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let proxies: TrustedProxies

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let forwarded = request.headers[values: .xForwardedFor]
        context.clientAddress = proxies.client(peer: context.remoteAddress?.ipAddress, forwardedFor: forwarded)
        return try await next(request, context)
    }
}
