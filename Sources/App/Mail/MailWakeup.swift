/// Wakes the courier: a tick from its poll timer, or a nudge when this replica has just
/// enqueued mail. Ticks that arrive while the courier is busy collapse into one.
struct MailWakeup: Sendable {
    let ticks: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (ticks, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Asks the courier to look at the outbox now.
    func nudge() { continuation.yield() }
}
