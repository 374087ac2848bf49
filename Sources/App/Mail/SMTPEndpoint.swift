import Foundation
import Settings

/// Where the courier delivers: `SMTP_URL`, `smtp://[user:pass@]host[:port][?starttls=required]`
/// or `smtps://...` for implicit TLS. Its description never shows the password.
struct SMTPEndpoint: Sendable, Equatable, CustomStringConvertible {
    /// TLS from the first byte (`smtps`) rather than by STARTTLS.
    var implicitTLS: Bool
    var host: String
    var port: Int
    var username: String?
    var password: String?
    /// Refuse to send unless the server upgrades the connection with STARTTLS.
    var requireStartTLS: Bool

    /// The URL libcurl connects to, without credentials (those are passed apart).
    var curlURL: String {
        let bracketed = host.contains(":") ? "[\(host)]" : host
        return "\(implicitTLS ? "smtps" : "smtp")://\(bracketed):\(port)"
    }

    var description: String {
        "\(implicitTLS ? "smtps" : "smtp")://\(username == nil ? "" : "***@")\(host):\(port)"
    }

    /// Parses `SMTP_URL`; the error names the problem, never the password.
    init(parsing text: String) throws(ConfigurationError) {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(), ["smtp", "smtps"].contains(scheme) else {
            throw ConfigurationError("SMTP_URL must look like smtp://user:pass@host:port or smtps://host:port")
        }
        guard let host = url.host, !host.isEmpty else { throw ConfigurationError("SMTP_URL has no host") }
        implicitTLS = scheme == "smtps"
        self.host = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        port = url.port ?? (implicitTLS ? 465 : 25)
        username = url.percentEncodedUser.flatMap { $0.removingPercentEncoding }
        password = url.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        requireStartTLS = false
        for item in url.queryItems ?? [] {
            guard item.name == "starttls", ["required", "opportunistic"].contains(item.value ?? "") else {
                throw ConfigurationError("SMTP_URL: unsupported parameter '\(item.name)'; only starttls=required or starttls=opportunistic")
            }
            requireStartTLS = item.value == "required"
        }
    }
}
