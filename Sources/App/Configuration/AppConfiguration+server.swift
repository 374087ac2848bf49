import Hummingbird
import HummingbirdCore
import HummingbirdHTTP2
import NIOCore

extension AppConfiguration {
    /// HTTP/1.1, or with a certificate HTTPS with HTTP/2 by ALPN; either way a connection
    /// that sends nothing for `idleTimeoutSeconds` is closed (a half-sent request included).
    func serverBuilder(_ certificates: CertificateStore?) throws -> HTTPServerBuilder {
        let idle = TimeAmount.seconds(Int64(idleTimeoutSeconds))
        guard let certificates else { return .http1(configuration: .init(idleTimeout: idle)) }
        let http2 = HTTP2UpgradeChannel.Configuration(
            idleTimeout: .seconds(idleTimeoutSeconds), streamConfiguration: .init(idleTimeout: idle))
        return try .http2Upgrade(tlsConfiguration: certificates.serverConfiguration(), configuration: http2)
    }
}
