import ServiceLifecycle

/// The hasher as a member of the service group: its threads stop after the server has.
extension PasswordHasher: Service {
    func run() async throws {
        try? await gracefulShutdown()
        await shutdown()
    }
}
