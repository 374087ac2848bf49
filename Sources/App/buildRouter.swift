import Hummingbird
import Storage

/// What the main router serves besides the API.
struct RouterOptions: Sendable {
    /// `Strict-Transport-Security` max-age, when serving HTTPS.
    var hstsMaxAge: Int?
    /// `/docs` and `/openapi.json`.
    var docsEnabled = true
    /// `/ready` and `/metrics`; off when a separate operations listener serves them.
    var operationsEndpoints = true
}

/// The service's routes on `database`, in `OpenAPIDocument.operations` order.
/// `readiness` throws when `/ready` should answer 503.
func buildRouter(
    _ database: some UserDatabase,
    services: AuthServices,
    proxies: TrustedProxies,
    options: RouterOptions = RouterOptions(),
    readiness: @escaping @Sendable () async throws -> Void
) throws -> Router<AppRequestContext> {
    // HEAD wherever GET is served (RFC 9110 §9.3.2).
    let router = Router(context: AppRequestContext.self, options: .autoGenerateHeadEndpoints)
    if let hstsMaxAge = options.hstsMaxAge { router.add(middleware: HSTSMiddleware(maxAge: hstsMaxAge)) }
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ClientAddressMiddleware(proxies: proxies))
    router.add(middleware: AccessLogMiddleware())
    router.add(middleware: MetricsMiddleware(metrics: services.metrics))
    let routes = RouteMethods()
    router.add(middleware: ErrorMiddleware(routes: routes))
    addUserRoutes(to: router.group("users"), database, services)
    HealthController(readiness: options.operationsEndpoints ? readiness : nil).addRoutes(to: router)
    if options.docsEnabled { try DocsController().addRoutes(to: router) }
    if options.operationsEndpoints {
        MetricsController(metrics: services.metrics, hasher: services.hasher, database: database).addRoutes(to: router)
    }
    routes.record(router)
    return router
}

/// The operations listener's routes (`OPS_HOST`:`OPS_PORT`): `/health`, `/ready` and
/// `/metrics`, kept off the public listener.
func buildOperationsRouter(
    _ database: some UserDatabase, services: AuthServices, readiness: @escaping @Sendable () async throws -> Void
) -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: SecurityHeadersMiddleware())
    HealthController(readiness: readiness).addRoutes(to: router)
    MetricsController(metrics: services.metrics, hasher: services.hasher, database: database).addRoutes(to: router)
    return router
}

/// Everything under `/users`: accounts, the token endpoint, sessions, reset and verification.
private func addUserRoutes(to users: RouterGroup<AppRequestContext>, _ database: some UserDatabase, _ services: AuthServices) {
    let authenticator = UserAuthenticator(storage: database, tokens: services.tokens, hashing: services.hasher.yield)
    let stepUp = StepUp(hasher: services.hasher, metrics: services.metrics, throttle: services.throttle, maxAge: services.sessions.reauthMaxAge)
    let issuer = SessionIssuer(storage: database, tokens: services.tokens, policy: services.sessions)
    UserController(
        storage: database, hasher: services.hasher, authenticator: authenticator, stepUp: stepUp, throttle: services.throttle,
        commonPasswords: services.commonPasswords, mailer: services.mailer, audit: services.audit, now: services.now
    ).addRoutes(to: users)
    AuthController(
        storage: database, hasher: services.hasher, metrics: services.metrics, issuer: issuer, authenticator: authenticator,
        throttle: services.throttle, audit: services.audit, requireVerifiedEmail: services.requireVerifiedEmail,
        beforeRehashStored: services.beforeRehashStored
    ).addRoutes(to: users)
    RecoveryController(
        storage: database, hasher: services.hasher, authenticator: authenticator, throttle: services.throttle,
        commonPasswords: services.commonPasswords, mailer: services.mailer, audit: services.audit, forgotFloor: services.forgotFloor,
        now: services.now
    ).addRoutes(to: users)
    SessionController(storage: database, authenticator: authenticator, audit: services.audit).addRoutes(to: users)
    AuditController(storage: database, authenticator: authenticator).addRoutes(to: users)
}
