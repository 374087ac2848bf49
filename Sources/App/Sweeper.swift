import Foundation
import Logging
import ServiceLifecycle
import Storage

/// Deletes expired and revoked sessions, closed throttling windows, spent account tokens and
/// old settled mail now and then, so the tables stay bounded. Every replica runs one; the
/// deletes are idempotent, so they need no coordination.
struct Sweeper: Service {
    let storage: any SessionStorage & RateLimitStorage & AccountStorage & OutboxStorage & AuditStorage
    let interval: Duration
    /// How long security events are kept.
    var auditRetention: Duration = .seconds(90 * 86_400)
    let logger: Logger

    /// Sweeps at once, then every `interval`, until graceful shutdown; it then returns
    /// normally, since a service that throws would make the whole process exit non-zero.
    func run() async {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await sweep()
                try await Task.sleep(for: interval)
            }
        }
    }

    private func sweep() async {
        do {
            let sessions = try await storage.sweepSessions(now: Date())
            let windows = try await storage.sweepRateLimits(now: Date())
            let tokens = try await storage.sweepAccountTokens(now: Date())
            // Settled mail is kept a week, for questions about what was sent.
            let mail = try await storage.sweepOutbox(settledBefore: Date().addingTimeInterval(-7 * 86_400))
            let events = try await storage.sweepAuditEvents(before: Date().addingTimeInterval(-Double(auditRetention.components.seconds)))
            if sessions + windows + tokens + mail + events > 0 {
                logger.info(
                    "swept",
                    metadata: [
                        "sessions": "\(sessions)", "rate_limit_windows": "\(windows)", "account_tokens": "\(tokens)", "mail": "\(mail)",
                        "audit_events": "\(events)",
                    ])
            }
        } catch {
            logger.warning("sweep failed", metadata: ["error": "\(error)"])
        }
    }
}
