import ServiceLifecycle
import Storage

/// Releases the hasher's threads and the database once the server has stopped.
struct ResourceCloser: Service {
    let hasher: PasswordHasher
    let database: (any UserDatabase)?

    func run() async throws {
        // Wait until shutdown begins; the server stops first, since it was added after us.
        try? await gracefulShutdown()
        await hasher.shutdown()
        await database?.close()
    }
}
