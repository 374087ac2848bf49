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
        if checkHealth {
            let port = try self.port ?? Settings().string("PORT").map { try AppConfiguration.integer("PORT", $0, 0...65535) } ?? 8000
            throw HealthProbe.check(port: port) ? ExitCode.success : ExitCode.failure
        }
        do {
            let configuration = try resolvedConfiguration()
            let logger = makeLogger(configuration)
            let database = try await Database.open(configuration.databaseURL, poolSize: configuration.poolSize)
            logger.info("database", metadata: ["url": "\(configuration.databaseURL.redacted)"])
            let app = try await buildApplication(configuration, database: database, ownsDatabase: true, logger: logger)
            try await serve(app, graceSeconds: configuration.shutdownGraceSeconds, logger: logger)
        } catch let error as ConfigurationError {
            fail(error)
        } catch let error as DatabaseURLError {
            fail(error)
        } catch let error as StorageError {
            fail(error)
        } catch let error as MigrationError {
            fail(error)
        } catch let error as StartupError {
            fail(error)
        }
    }

    private func resolvedConfiguration() throws -> AppConfiguration {
        var configuration = try AppConfiguration(settings: Settings())
        if let host { configuration.host = host }
        if let port { configuration.port = port }
        if let databaseURL { configuration.databaseURL = try DatabaseURL(parsing: databaseURL) }
        if let migrationsDirectory { configuration.migrationsDirectory = migrationsDirectory }
        if let logLevel { configuration.logLevel = try AppConfiguration.logLevel(logLevel) }
        if migrate { configuration.autoMigrate = true }
        try configuration.validate()
        return configuration
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
        case .text: LoggingSystem.bootstrap { StreamLogHandler.standardOutput(label: $0) }
        case .json: LoggingSystem.bootstrap { JSONLogHandler(label: $0, logLevel: level) }
        }
        var logger = Logger(label: "user-auth-service")
        logger.logLevel = level
        return logger
    }

    private func fail(_ error: any Error) -> Never {
        FileHandle.standardError.write(Data("user-auth-server: error: \(error)\n".utf8))
        Foundation.exit(1)
    }
}
