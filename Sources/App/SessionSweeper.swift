import Foundation
import Logging
import ServiceLifecycle
import Storage

/// Deletes expired and revoked sessions now and then, so the table stays bounded. Every
/// replica runs one; the deletes are idempotent, so they need no coordination.
struct SessionSweeper: Service {
    let storage: any SessionStorage
    let interval: Duration
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
            let swept = try await storage.sweepSessions(now: Date())
            if swept > 0 { logger.info("swept sessions", metadata: ["count": "\(swept)"]) }
        } catch {
            logger.warning("session sweep failed", metadata: ["error": "\(error)"])
        }
    }
}
