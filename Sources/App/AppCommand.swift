import ArgumentParser
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals
import Settings
import Storage

/// `user-auth-server`: serves the user API. Settings come from the environment, then `.env`
/// in the working directory, then these flags.
@main
struct AppCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user-auth-server",
        abstract: "Serve the user registration, login and account API.",
        discussion: "Needs SECRET_KEY (generate one with: openssl rand -hex 32). See README for every variable."
    )

    @Option(help: "Address to listen on (HOST, default 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on (PORT, default 8000).")
    var port: Int?

    @Option(name: .customLong("database-url"), help: "Database URL (DATABASE_URL, default sqlite:///./test.db).")
    var databaseURL: String?

    @Option(name: .customLong("migrations-dir"), help: "Folder of sqlite/ and postgres/ migrations (default ./sql).")
    var migrationsDirectory: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (LOG_LEVEL).")
    var logLevel: String?

    @Flag(help: "Apply pending migrations before serving (AUTO_MIGRATE=true).")
    var migrate = false

    @Flag(help: "Exit 0 if the server on 127.0.0.1:PORT answers /health, else 1 (for container health checks).")
    var checkHealth = false

    func run() async throws {
        do {
            if checkHealth {
                throw try probe() ? ExitCode.success : ExitCode.failure
            }
            let configuration = try AppConfiguration(settings: settings)
            let logger = makeLogger(configuration)
            let database = try await Database.open(configuration.databaseURL, poolSize: configuration.poolSize)
            logger.info("database", metadata: ["url": "\(configuration.databaseURL.redacted)"])
            let app = try await buildApplication(configuration, database: database, logger: logger)
            try await serve(app, graceSeconds: configuration.shutdownGraceSeconds, logger: logger)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            // Configuration, URL, storage, migration and start-up errors: one line, exit 1.
            StartupFailure.exit(error, program: "user-auth-server")
        }
    }

    /// `/health` on the operations listener when there is one, else on the main one.
    private func probe() throws -> Bool {
        if settings.string("OPS_PORT") != nil {
            return HealthProbe.check(port: try settings.integer("OPS_PORT", in: 1...65535, default: 0), tls: false)
        }
        return HealthProbe.check(port: try settings.port(), tls: settings.string("TLS_CERT_FILE") != nil)
    }

    /// The settings with this command's flags on top of the environment and `.env`.
    private var settings: Settings {
        Settings(flags: [
            "HOST": host, "PORT": port.map(String.init), "DATABASE_URL": databaseURL,
            "MIGRATIONS_DIR": migrationsDirectory, "LOG_LEVEL": logLevel, "AUTO_MIGRATE": migrate ? "true" : nil,
        ])
    }

    /// Runs until SIGTERM or SIGINT, then stops accepting connections, lets in-flight requests
    /// finish for up to `graceSeconds`, closes the database and returns (exit code 0).
    private func serve(_ app: some Service, graceSeconds: Int, logger: Logger) async throws {
        var configuration = ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumGracefulShutdownDuration = .seconds(graceSeconds)
        try await ServiceGroup(configuration: configuration).run()
        logger.info("stopped")
    }

    private func makeLogger(_ configuration: AppConfiguration) -> Logger {
        let level = configuration.logLevel
        switch configuration.logFormat {
        case .text: LoggingSystem.bootstrap { TextLogHandler(label: $0, logLevel: level) }
        case .json: LoggingSystem.bootstrap { JSONLogHandler(label: $0, logLevel: level) }
        }
        var logger = Logger(label: "user-auth-service")
        logger.logLevel = level
        return logger
    }
}
