import Logging
import NIOCore
import NIOSSL
import Settings
import Synchronization

/// The server certificate and key, read from their PEM files, and read again on SIGHUP:
/// every new TLS handshake takes the current pair; connections already open keep theirs.
final class CertificateStore: Sendable {
    let settings: TLSSettings
    private let current: Mutex<Pair>

    /// A certificate chain with the private key that matches its first certificate.
    private struct Pair: Sendable {
        let chain: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
    }

    /// Loads and checks the files; a missing, unreadable or mismatched file is an error naming it.
    init(_ settings: TLSSettings) throws {
        self.settings = settings
        current = Mutex(try Self.load(settings))
    }

    /// Reads the files again; on failure the current pair stays in use and the error is thrown.
    func reload() throws {
        let pair = try Self.load(settings)
        current.withLock { $0 = pair }
    }

    /// The server's TLS configuration: HTTP/2 and HTTP/1.1 by ALPN, the minimum version, and a
    /// per-handshake callback that hands out the current pair.
    func serverConfiguration() -> TLSConfiguration {
        let pair = current.withLock { $0 }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: pair.chain.map { .certificate($0) }, privateKey: .privateKey(pair.key))
        configuration.minimumTLSVersion = settings.minimumVersion == .tls13 ? .tlsv13 : .tlsv12
        configuration.sslContextCallback = { [self] _, promise in
            let pair = current.withLock { $0 }
            var override = NIOSSLContextConfigurationOverride()
            override.certificateChain = pair.chain.map { .certificate($0) }
            override.privateKey = .privateKey(pair.key)
            promise.succeed(override)
        }
        return configuration
    }

    private static func load(_ settings: TLSSettings) throws -> Pair {
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(settings.certificateFile)
        } catch {
            throw ConfigurationError("TLS_CERT_FILE '\(settings.certificateFile)' is not a readable PEM certificate: \(error)")
        }
        guard !chain.isEmpty else { throw ConfigurationError("TLS_CERT_FILE '\(settings.certificateFile)' holds no certificate") }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: settings.keyFile, format: .pem)
        } catch {
            throw ConfigurationError("TLS_KEY_FILE '\(settings.keyFile)' is not a readable PEM private key: \(error)")
        }
        // A context refuses a key that does not belong to the certificate.
        do {
            _ = try NIOSSLContext(configuration: .makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key)))
        } catch {
            throw ConfigurationError("TLS_KEY_FILE '\(settings.keyFile)' does not match the certificate in TLS_CERT_FILE '\(settings.certificateFile)'")
        }
        return Pair(chain: chain, key: key)
    }
}
