import Hummingbird
import HummingbirdCore
import HummingbirdHTTP2
import Logging
import ServiceLifecycle
import Storage

/// The service on `database`. The application owns the database from here on: it closes it,
/// with the hasher's threads, after the server has stopped.
func buildApplication(
    _ configuration: AppConfiguration,
    database: any UserDatabase,
    logger: Logger = Logger(label: "user-auth-service")
) async throws -> some ApplicationProtocol {
    try configuration.validate()
    let schema = try SchemaGuard(database: database, migrationsDirectory: configuration.migrationsDirectory)
    try await schema.prepare(migrate: configuration.autoMigrate, logger: logger)
    let metrics = AppMetrics()
    let hasher = try await PasswordHasher.start(
        parameters: configuration.argon2, threads: configuration.hashThreads, capacity: configuration.hashQueue,
        maxWait: .milliseconds(configuration.hashMaxWaitMilliseconds),
        rejectHold: .milliseconds(configuration.hashRejectHoldMilliseconds), hashTime: configuration.hashTime,
        observe: metrics.recordHash)
    let tokens = await TokenService(
        keys: configuration.tokenKeys, algorithm: configuration.algorithm,
        lifetime: .seconds(60 * configuration.tokenLifetimeMinutes), issuer: configuration.tokenIssuer,
        audience: configuration.tokenAudience)
    let policy = configuration.sessionPolicy
    let wakeup = MailWakeup()
    let mailer = try await configuration.mailer(wakeup: wakeup)
    let services = AuthServices(
        hasher: hasher, tokens: tokens, metrics: metrics, sessions: policy,
        throttle: Throttle(storage: database, limits: configuration.rateLimits), commonPasswords: try CommonPasswords.load(),
        mailer: mailer, audit: AuditLog(storage: database), requireVerifiedEmail: configuration.requireVerifiedEmail, forgotFloor: configuration.forgotFloor,
        now: configuration.now,
        beforeRehashStored: configuration.beforeRehashStored)
    // Files are checked before anything listens: a bad certificate is a start-up error.
    let certificates = try configuration.tls.map(CertificateStore.init)
    let readiness = ReadinessCache(check: schema.check)
    let options = RouterOptions(
        hstsMaxAge: configuration.tls?.hstsMaxAge, docsEnabled: configuration.docsEnabled, operationsEndpoints: configuration.opsPort == nil)
    let router = try buildRouter(database, services: services, proxies: configuration.trustedProxies, options: options, readiness: readiness.run)
    let sweeper = Sweeper(
        storage: database, interval: policy.sweepInterval, auditRetention: .seconds(86_400 * configuration.auditRetentionDays), logger: logger)
    let courier = Courier(
        storage: database, transport: configuration.mailTransport(logger: logger), sender: mailer.composer.sender,
        policy: configuration.courier, wakeup: wakeup, metrics: metrics, logger: logger)
    // Stopped in reverse order: the courier and sweeper finish before the database closes.
    var background: [any Service] = [DatabaseService(database: database), hasher, sweeper, courier]
    if let certificates { background.append(CertificateReloader(store: certificates, logger: logger)) }
    if let opsPort = configuration.opsPort {
        background.append(Application(
            router: buildOperationsRouter(database, services: services, readiness: readiness.run),
            configuration: .init(address: .hostname(configuration.opsHost, port: opsPort), serverName: "user-auth-service-ops"),
            onServerRunning: { [listening = configuration.onOpsListening] in await listening?($0.localAddress?.port ?? 0) },
            logger: logger))
    }
    return Application(
        router: router,
        server: try configuration.serverBuilder(certificates),
        configuration: .init(
            address: .hostname(configuration.host, port: configuration.port), serverName: "user-auth-service",
            availableConnectionsDelegate: MaximumAvailableConnections(configuration.maxConnections)),
        services: background,
        logger: logger
    )
}
