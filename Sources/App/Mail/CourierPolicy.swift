/// How the courier paces itself: how often it looks for due mail, how long a claim lasts, and
/// how it backs off after a failed delivery.
struct CourierPolicy: Sendable, Equatable {
    /// How often the outbox is read when no local enqueue wakes the courier (mail enqueued
    /// by another replica is found by this poll).
    var pollInterval: Duration = .seconds(1)
    /// How long a claim keeps other couriers off a message; longer than any one delivery.
    var lease: Duration = .seconds(120)
    /// Deliveries attempted before a message is marked failed.
    var maxAttempts = 8
    /// The first retry's delay; each further retry doubles it, up to `maxDelay`.
    var baseDelay: Duration = .seconds(5)
    var maxDelay: Duration = .seconds(3600)
    /// Messages claimed per round trip.
    var batchSize = 10

    /// The delay before attempt `attempts + 1`: exponential, with full jitter over its
    /// upper half, so failed messages of many replicas do not retry in step.
    func delay(afterAttempt attempts: Int, random: Double = Double.random(in: 0.5...1)) -> Duration {
        let exponent = min(max(attempts - 1, 0), 30)
        let nominal = min(baseDelay * (1 << exponent), maxDelay)
        return nominal * random
    }
}
