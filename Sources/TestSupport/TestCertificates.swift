import Foundation

/// A throwaway certificate authority and certificates (`scripts/test-certificates.sh`, with
/// the openssl command line): `server` (localhost, 127.0.0.1), `renewed` (the same names,
/// another serial), `wrong` (wrong.example), `client` (CN=certuser).
public struct TestCertificates: Sendable {
    /// The folder holding `NAME.crt` and `NAME.key`, and `ca.crt`.
    public let directory: String

    public var authority: String { "\(directory)/ca.crt" }
    public func certificate(_ name: String) -> String { "\(directory)/\(name).crt" }
    public func key(_ name: String) -> String { "\(directory)/\(name).key" }

    /// Makes the certificates, runs `body`, and removes them, also when `body` throws.
    public static func with<T>(_ body: (TestCertificates) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("uas-certs-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await Repository.runScript("test-certificates.sh", [directory])
        return try await body(TestCertificates(directory: directory))
    }
}

/// A PostgreSQL with `ssl=on` (`scripts/test-pg-tls.sh`) on 127.0.0.1 and 127.0.0.2, serving
/// the `server` certificate; it accepts TLS only: `postgres` without a password, `certuser`
/// by client certificate.
public enum TLSPostgres {
    /// Starts the server, runs `body` with its port, and removes it, also when `body` throws.
    public static func with<T>(_ certificates: TestCertificates, _ body: (Int) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("uas-pgtls-\(UUID().uuidString)").path
        return try await Repository.withScript("test-pg-tls.sh", [directory, certificates.directory]) { output in
            guard let port = Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw TestSetupError("test-pg-tls.sh printed no port: \(output)")
            }
            return try await body(port)
        }
    }
}
