import Hummingbird

/// `/health` (the process answers) and `/ready` (the database answers, schema current).
struct HealthController: Sendable {
    /// Throws when the service should not receive traffic; `nil` serves no `/ready` here.
    let readiness: (@Sendable () async throws -> Void)?

    struct Status: ResponseEncodable {
        let status: String
    }

    func addRoutes(to router: Router<some RequestContext>) {
        router.get("health") { _, _ in Status(status: "ok") }
        guard let readiness else { return }
        router.get("ready") { _, _ in
            try await readiness()
            return Status(status: "ready")
        }
    }
}
