import Hummingbird
import NIOCore
import Storage

/// `GET /metrics` in Prometheus text format.
struct MetricsController<Storage: UserDatabase>: Sendable {
    let metrics: AppMetrics
    let hasher: PasswordHasher
    let database: Storage

    func addRoutes(to router: Router<some RequestContext>) {
        router.get("metrics") { _, _ in
            // A database that cannot answer leaves the outbox gauges at their last values.
            let outbox = try? await database.outboxStatistics()
            let text = metrics.render(hashQueueDepth: hasher.depth, pool: database.poolStatistics, outbox: outbox)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: text)))
        }
    }
}
