import Hummingbird
import Storage

/// The service's routes on `storage`, in `OpenAPIDocument.operations` order.
/// `readiness` throws when `/ready` should answer 503.
func buildRouter(
    _ storage: some UserStorage,
    services: AuthServices,
    readiness: @escaping @Sendable () async throws -> Void
) throws -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: AccessLogMiddleware())
    router.add(middleware: ErrorMiddleware(methodsByPath: OpenAPIDocument.methodsByPath))
    let users = router.group("users")
    UserController(storage: storage, hasher: services.hasher, authenticator: UserAuthenticator(storage: storage, tokens: services.tokens))
        .addRoutes(to: users)
    AuthController(storage: storage, hasher: services.hasher, tokens: services.tokens).addRoutes(to: users)
    HealthController(readiness: readiness).addRoutes(to: router)
    try DocsController().addRoutes(to: router)
    return router
}
