import Metrics
import Prometheus
import Storage

/// The service's Prometheus metrics. Each application has its own registry, so tests (and
/// several applications in one process) do not share figures.
final class AppMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory

    init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
            .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
        ]
        self.factory = factory
    }

    /// Counts a request and records its duration, by route template, method and status.
    func recordRequest(route: String, method: String, status: Int, duration: Duration) {
        let dimensions = [("route", route), ("method", method), ("status", String(status))]
        Counter(label: "http_requests_total", dimensions: dimensions, factory: factory).increment()
        Timer(label: "http_request_duration_seconds", dimensions: dimensions, factory: factory).recordNanoseconds(duration.nanoseconds)
    }

    /// Records how long one password hash or verification took.
    func recordHash(_ duration: Duration) {
        Timer(label: "password_hash_duration_seconds", factory: factory).recordNanoseconds(duration.nanoseconds)
    }

    /// Counts a login attempt as `success` or `failure`.
    func recordLogin(success: Bool) {
        Counter(label: "login_attempts_total", dimensions: [("result", success ? "success" : "failure")], factory: factory).increment()
    }

    /// The text exposition, with the gauges read fresh from the hasher and the database pools.
    func render(hashQueueDepth: Int, pool: PoolStatistics) -> [UInt8] {
        registry.makeGauge(name: "password_hash_queue_depth").set(Double(hashQueueDepth))
        registry.makeGauge(name: "db_pool_connections", labels: [("state", "in_use")]).set(Double(pool.inUse))
        registry.makeGauge(name: "db_pool_connections", labels: [("state", "idle")]).set(Double(pool.idle))
        registry.makeGauge(name: "db_pool_waiting").set(Double(pool.waiting))
        registry.makeGauge(name: "db_pool_acquisitions_total").set(Double(pool.acquisitions))
        registry.makeGauge(name: "db_pool_wait_seconds_total").set(pool.waitSeconds)
        return registry.emitToBuffer()
    }
}
