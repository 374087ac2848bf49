import Foundation
import Logging
import ServiceLifecycle
import Storage

/// Delivers the outbox. Every replica runs one; claims are leases, so two couriers never
/// deliver one message at once. Delivery is at least once: a courier that dies after sending
/// and before recording it leaves the message to be sent again when the lease ends, with the
/// same `Message-ID`.
struct Courier: Service {
    let storage: any OutboxStorage
    let transport: any MailTransport
    let sender: MailSender
    let policy: CourierPolicy
    let wakeup: MailWakeup
    let metrics: AppMetrics
    let logger: Logger

    /// Delivers until graceful shutdown, then finishes the message in hand and returns.
    func run() async {
        await withDiscardingTaskGroup { group in
            let (wakeup, interval) = (wakeup, policy.pollInterval)
            group.addTask {
                while (try? await Task.sleep(for: interval)) != nil { wakeup.nudge() }
            }
            await cancelWhenGracefulShutdown {
                wakeup.nudge()
                for await _ in wakeup.ticks { await deliverDue() }
            }
            group.cancelAll()
        }
        await transport.shutdown()
    }

    /// Claims and delivers batches until nothing is due.
    func deliverDue() async {
        do {
            while !Task.isCancelled {
                let batch = try await storage.claimMail(limit: policy.batchSize, lease: policy.lease, now: Date())
                for message in batch { await deliverOrRelease(message) }
                if batch.count < policy.batchSize { return }
            }
        } catch {
            logger.warning("outbox claim failed", metadata: ["error": "\(error)"])
        }
    }

    /// Once shutdown has begun, the rest of a batch is released for the next courier
    /// instead of waiting out its lease.
    private func deliverOrRelease(_ message: OutboxMessage) async {
        guard Task.isCancelled else { return await deliver(message) }
        try? await storage.retryMail(id: message.mail.id, at: Date(), error: "courier stopped before delivering")
    }

    private func deliver(_ message: OutboxMessage) async {
        let id = message.mail.messageID
        do {
            try await transport.send(message.mail, from: sender)
            metrics.recordMail(.delivered)
            try await storage.markSent(id: message.mail.id, now: Date())
        } catch let failure as MailDeliveryError {
            await settle(message, failure)
        } catch {
            logger.warning("outbox update failed", metadata: ["message_id": "\(id)", "error": "\(error)"])
        }
    }

    /// Schedules a retry, or gives up after the last attempt or a permanent refusal.
    private func settle(_ message: OutboxMessage, _ failure: MailDeliveryError) async {
        let metadata: Logger.Metadata = ["message_id": "\(message.mail.messageID)", "attempts": "\(message.attempts)", "error": "\(failure)"]
        do {
            if failure.permanent || message.attempts >= policy.maxAttempts {
                metrics.recordMail(.failed)
                try await storage.failMail(id: message.mail.id, error: failure.reason)
                logger.error("mail delivery failed; giving up", metadata: metadata)
            } else {
                metrics.recordMail(.retried)
                let retryAt = Date() + policy.delay(afterAttempt: message.attempts)
                try await storage.retryMail(id: message.mail.id, at: retryAt, error: failure.reason)
                logger.warning("mail delivery failed; will retry", metadata: metadata)
            }
        } catch {
            logger.warning("outbox update failed", metadata: ["message_id": "\(message.mail.messageID)", "error": "\(error)"])
        }
    }
}
