import Logging
import ServiceLifecycle
import UnixSignals

/// Reads the certificate and key again on SIGHUP, so a renewed certificate is served without
/// a restart. A bad new file is logged and the old pair kept.
struct CertificateReloader: Service {
    let store: CertificateStore
    let logger: Logger

    func run() async {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        await cancelWhenGracefulShutdown {
            for await _ in signals {
                do {
                    try store.reload()
                    logger.info("TLS certificate reloaded", metadata: ["file": "\(store.settings.certificateFile)"])
                } catch {
                    logger.error("TLS certificate reload failed; keeping the current one", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}
