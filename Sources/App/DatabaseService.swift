import ServiceLifecycle
import Storage

/// The database as a member of the service group: it stays open while the server runs and
/// is closed once graceful shutdown has let the in-flight requests finish.
struct DatabaseService: Service {
    let database: any UserDatabase

    func run() async throws {
        // Added before the server, so the group stops the server first and us after it.
        try? await gracefulShutdown()
        await database.close()
    }
}
