import Foundation
import Storage
import Testing
import TestSupport

/// TLS to PostgreSQL as libpq documents it (`sslmode`, `sslrootcert`, `sslcert`, `sslkey` in
/// DATABASE_URL), against a server with `ssl=on` and a certificate authority of the test's own.
@Suite("PostgreSQL over TLS")
struct PostgresTLSTests {
    private static func ping(_ url: String) async throws {
        try await Database.withOpen(try DatabaseURL(parsing: url)) { try await $0.ping() }
    }

    @Test("verify-full connects; the wrong host name and a missing client certificate are refused with clear errors")
    func verifyFull() async throws {
        try await TestCertificates.with { certificates in
            try await TLSPostgres.with(certificates) { port in
                let verify = "sslmode=verify-full&sslrootcert=\(certificates.authority)"
                try await Self.ping("postgresql://postgres@localhost:\(port)/postgres?\(verify)")
                // The certificate names localhost and 127.0.0.1, not 127.0.0.2.
                let wrongHost = await #expect(throws: StorageError.self) {
                    try await Self.ping("postgresql://postgres@127.0.0.2:\(port)/postgres?\(verify)")
                }
                #expect(wrongHost?.code == .unavailable && "\(wrongHost.map { "\($0)" } ?? "")".contains("does not match host name"))
                // Client-certificate authentication (hostssl ... cert).
                let client = "sslcert=\(certificates.certificate("client"))&sslkey=\(certificates.key("client"))"
                try await Self.ping("postgresql://certuser@localhost:\(port)/postgres?\(verify)&\(client)")
                let noCertificate = await #expect(throws: StorageError.self) {
                    try await Self.ping("postgresql://certuser@localhost:\(port)/postgres?\(verify)")
                }
                #expect("\(noCertificate.map { "\($0)" } ?? "")".contains("certificate"))
                // The migrator takes the same URL.
                let status = try await ProcessResult.run(
                    try BuiltProduct.path("migrator"),
                    ["status", "--database-url", "postgresql://certuser@localhost:\(port)/postgres?\(verify)&\(client)",
                     "--migrations-dir", TestDatabase.migrationsDirectory])
                #expect(status.status == 0 && status.stdout.contains("pending"), "\(status.stderr)")
            }
        }
    }

    @Test("a CA that did not sign the server's certificate is refused")
    func untrustedAuthority() async throws {
        try await TestCertificates.with { certificates in
            try await TestCertificates.with { other in
                try await TLSPostgres.with(certificates) { port in
                    let error = await #expect(throws: StorageError.self) {
                        try await Self.ping("postgresql://postgres@localhost:\(port)/postgres?sslmode=verify-full&sslrootcert=\(other.authority)")
                    }
                    #expect("\(error.map { "\($0)" } ?? "")".contains("certificate verify failed"))
                }
            }
        }
    }

    @Test("sslmode=require against a server without TLS fails, and says so")
    func requireWithoutTLS() async throws {
        let base = try #require(ProcessInfo.processInfo.environment["TEST_POSTGRES_URL"], "TEST_POSTGRES_URL is not set: run scripts/test.sh")
        let error = await #expect(throws: StorageError.self) { try await Self.ping(base + "?sslmode=require") }
        #expect("\(error.map { "\($0)" } ?? "")".contains("server does not support SSL"))
    }
}
