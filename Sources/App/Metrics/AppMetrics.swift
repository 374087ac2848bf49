import Foundation
import CoreMetrics
import Metrics
import Prometheus
import Storage
import Synchronization

/// The service's Prometheus metrics. Each application has its own registry, so tests (and
/// several applications in one process) do not share figures.
final class AppMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    /// Each request series' counter and timer, made once: making them per request went
    /// through the registry's lock and label matching twice a request (2 % of the CPU under
    /// `GET /users/me`, and a lock the cooperative threads queued on).
    private let requestSeries = Mutex<[RequestSeries: (CoreMetrics.Counter, CoreMetrics.Timer)]>([:])

    /// A request series: route template, method and status, so a bounded set.
    private struct RequestSeries: Hashable {
        let route: String
        let method: String
        let status: Int
    }

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
        let (counter, timer) = metrics(for: RequestSeries(route: route, method: method, status: status))
        counter.increment()
        timer.recordNanoseconds(duration.nanoseconds)
    }

    private func metrics(for series: RequestSeries) -> (CoreMetrics.Counter, CoreMetrics.Timer) {
        if let made = requestSeries.withLock({ $0[series] }) { return made }
        let dimensions = [("route", series.route), ("method", series.method), ("status", String(series.status))]
        // Two requests racing here both get the registry's one series for these labels.
        let made = (
            Counter(label: "http_requests_total", dimensions: dimensions, factory: factory),
            Timer(label: "http_request_duration_seconds", dimensions: dimensions, factory: factory)
        )
        requestSeries.withLock { $0[series] = made }
        return made
    }

    /// Records how long one password hash or verification took.
    func recordHash(_ duration: Duration) {
        Timer(label: "password_hash_duration_seconds", factory: factory).recordNanoseconds(duration.nanoseconds)
    }

    /// Counts a login attempt as `success` or `failure`.
    func recordLogin(success: Bool) {
        Counter(label: "login_attempts_total", dimensions: [("result", success ? "success" : "failure")], factory: factory).increment()
    }

    /// What became of one delivery attempt.
    enum MailOutcome: String {
        case delivered, retried, failed
    }

    /// Counts a delivery attempt by outcome.
    func recordMail(_ outcome: MailOutcome) {
        Counter(label: "mail_deliveries_total", dimensions: [("outcome", outcome.rawValue)], factory: factory).increment()
    }

    /// The text exposition, with the gauges read fresh from the hasher, the database pools
    /// and the outbox (nil when it could not be read).
    func render(hashQueueDepth: Int, pool: PoolStatistics, outbox: OutboxStatistics?, now: Date = Date()) -> [UInt8] {
        if let outbox {
            gauge("mail_outbox", "depth", "Messages waiting for delivery").set(Double(outbox.pending))
            gauge("mail_outbox_failed", "total", "Messages given up on").set(Double(outbox.failed))
            let age = outbox.oldestPending.map { max(0, now.timeIntervalSince($0)) } ?? 0
            gauge("mail_outbox_oldest_pending", "seconds", "Age of the oldest message waiting for delivery").set(age)
        }
        gauge("password_hash_queue", "depth", "Hash requests queued or running").set(Double(hashQueueDepth))
        gauge("db_pool", "connections", "Open database connections", labels: [("state", "in_use")]).set(Double(pool.inUse))
        gauge("db_pool", "connections", "Open database connections", labels: [("state", "idle")]).set(Double(pool.idle))
        gauge("db_pool", "waiting", "Requests waiting for a connection").set(Double(pool.waiting))
        gauge("db_pool_acquisitions", "total", "Connections lent since start").set(Double(pool.acquisitions))
        gauge("db_pool_wait_seconds", "total", "Time spent waiting for connections").set(pool.waitSeconds)
        return registry.emitToBuffer()
    }

    /// The gauge `<name>_<unit>`; the registry hands back the same one on every call.
    private func gauge(_ name: String, _ unit: String, _ help: String, labels: [(String, String)] = []) -> Prometheus.Gauge {
        let descriptor = MetricNameDescriptor(metricName: name, unitName: unit, helpText: help)
        return labels.isEmpty ? registry.makeGauge(descriptor: descriptor) : registry.makeGauge(descriptor: descriptor, labels: labels)
    }
}
