import Foundation
import Settings

/// HTTPS for the main listener: `TLS_CERT_FILE` and `TLS_KEY_FILE` (PEM), the oldest TLS
/// version offered, and how long browsers should insist on HTTPS (`Strict-Transport-Security`).
struct TLSSettings: Sendable, Equatable {
    var certificateFile: String
    var keyFile: String
    var minimumVersion = Version.tls12
    var hstsMaxAge = 31_536_000

    /// The oldest protocol version a client may use.
    enum Version: String, Sendable {
        case tls12 = "1.2"
        case tls13 = "1.3"
    }

    /// Reads the `TLS_*` and `HSTS_MAX_AGE` variables; `nil` when no certificate is set.
    static func read(_ settings: Settings) throws -> TLSSettings? {
        let (certificate, key) = (settings.string("TLS_CERT_FILE"), settings.string("TLS_KEY_FILE"))
        guard certificate != nil || key != nil else { return nil }
        guard let certificate, let key, !certificate.isEmpty, !key.isEmpty else {
            throw ConfigurationError("TLS_CERT_FILE and TLS_KEY_FILE go together: set both (PEM files) or neither")
        }
        var tls = TLSSettings(certificateFile: certificate, keyFile: key)
        if let value = settings.string("TLS_MIN_VERSION") {
            let bare = value.lowercased().replacingOccurrences(of: "tlsv", with: "").replacingOccurrences(of: "tls", with: "")
            guard let version = Version(rawValue: bare) else { throw ConfigurationError("TLS_MIN_VERSION '\(value)' is not 1.2 or 1.3") }
            tls.minimumVersion = version
        }
        tls.hstsMaxAge = try settings.integer("HSTS_MAX_AGE", in: 0...63_072_000, default: tls.hstsMaxAge)
        return tls
    }
}
