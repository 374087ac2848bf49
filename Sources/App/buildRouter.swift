import Hummingbird
import Storage

/// The service's routes on `database`, in `OpenAPIDocument.operations` order.
/// `readiness` throws when `/ready` should answer 503.
func buildRouter(
    _ database: some UserDatabase,
    services: AuthServices,
    readiness: @escaping @Sendable () async throws -> Void
) throws -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: AccessLogMiddleware())
    router.add(middleware: MetricsMiddleware(metrics: services.metrics))
    let routes = RouteMethods()
    router.add(middleware: ErrorMiddleware(routes: routes))
    let users = router.group("users")
    let authenticator = UserAuthenticator(storage: database, tokens: services.tokens)
    UserController(storage: database, hasher: services.hasher, authenticator: authenticator).addRoutes(to: users)
    AuthController(storage: database, hasher: services.hasher, tokens: services.tokens, metrics: services.metrics).addRoutes(to: users)
    HealthController(readiness: readiness).addRoutes(to: router)
    try DocsController().addRoutes(to: router)
    MetricsController(metrics: services.metrics, hasher: services.hasher, database: database).addRoutes(to: router)
    routes.record(router)
    return router
}
