@testable import App
import Foundation
import Glibc
import HummingbirdTesting
import Settings
import Storage
import Testing
import TestSupport

/// HTTPS from the service itself, checked with curl against a certificate authority of the
/// test's own: the seed's flow, HTTP/2 by ALPN, HSTS, plain HTTP refused, SIGHUP rotation.
@Suite("HTTPS", .timeLimit(.minutes(3)))
struct HTTPSTests {
    /// curl's answer: the body, and the status code and HTTP version from `-w`.
    private struct Answer {
        let status: String
        let version: String
        let body: String
    }

    private static func curl(_ arguments: [String]) async throws -> (answer: Answer, exit: Int32) {
        let result = try await ProcessResult.run("/usr/bin/curl", ["-s", "--max-time", "60", "-w", "\n%{http_code} %{http_version}"] + arguments)
        var lines = result.stdout.components(separatedBy: "\n")
        let last = (lines.popLast() ?? "").split(separator: " ").map(String.init)
        return (Answer(status: last.first ?? "", version: last.last ?? "", body: lines.joined(separator: "\n")), result.status)
    }

    @Test("the seed's flow over verified HTTPS, HTTP/2 by ALPN with HTTP/1.1 still offered, HSTS, and plain HTTP refused cleanly")
    func seedFlow() async throws {
        try await TestCertificates.with { certificates in
            try await withDatabase(.sqliteMemory) { database in
                let configuration = AppHarness.configuration {
                    $0.tls = TLSSettings(certificateFile: certificates.certificate("server"), keyFile: certificates.key("server"))
                    $0.tls?.hstsMaxAge = 600
                }
                let app = try await buildApplication(configuration, database: database)
                try await app.test(.live) { client in
                    let base = "https://localhost:\(try #require(client.port))"
                    let trust = ["--cacert", certificates.authority]
                    let json = ["-H", "Content-Type: application/json"]
                    let register = try await Self.curl(trust + json + ["--http1.1", "-d", #"{"username":"tls","email":"tls@example.com","password":"correct horse battery"}"#, "\(base)/users/register"])
                    #expect(register.answer.status == "201" && register.answer.version == "1.1", "\(register)")
                    let login = try await Self.curl(trust + json + ["--http2", "-d", #"{"username":"tls","password":"correct horse battery"}"#, "\(base)/users/login"])
                    #expect(login.answer.status == "200" && login.answer.version == "2", "\(login)")
                    let token = try #require(try JSONSerialization.jsonObject(with: Data(login.answer.body.utf8)) as? [String: Any])["access_token"] as? String
                    let me = try await Self.curl(trust + ["-D", "-", "-H", "Authorization: Bearer \(token ?? "")", "\(base)/users/me"])
                    #expect(me.answer.status == "200" && me.answer.body.lowercased().contains("strict-transport-security: max-age=600"))
                    // No CA given: curl refuses the certificate.
                    #expect(try await Self.curl(["\(base)/health"]).exit != 0)
                    // Plain HTTP to the TLS port: no HTTP answer, and the server carries on.
                    let plain = try await Self.curl(["http://localhost:\(try #require(client.port))/health"])
                    #expect(plain.exit != 0 && plain.answer.status == "000")
                    #expect(try await Self.curl(trust + ["\(base)/health"]).answer.status == "200")
                }
            }
        }
    }

    @Test("TLS_MIN_VERSION=1.3 refuses a TLS 1.2 client")
    func minimumVersion() async throws {
        try await TestCertificates.with { certificates in
            try await withDatabase(.sqliteMemory) { database in
                let configuration = AppHarness.configuration {
                    $0.tls = TLSSettings(certificateFile: certificates.certificate("server"), keyFile: certificates.key("server"))
                    $0.tls?.minimumVersion = .tls13
                }
                let app = try await buildApplication(configuration, database: database)
                try await app.test(.live) { client in
                    let url = "https://localhost:\(try #require(client.port))/health"
                    #expect(try await Self.curl(["--cacert", certificates.authority, "--tls-max", "1.2", url]).exit != 0)
                    #expect(try await Self.curl(["--cacert", certificates.authority, url]).answer.status == "200")
                }
            }
        }
    }

    @Test("TLS settings: both files or neither, 1.2 by default, HSTS a year by default")
    func settings() throws {
        let read = { (environment: [String: String]) in try TLSSettings.read(Settings(environment: environment, dotEnvPath: "/nonexistent/.env")) }
        #expect(try read([:]) == nil)
        let tls = try #require(try read(["TLS_CERT_FILE": "c.pem", "TLS_KEY_FILE": "k.pem"]))
        #expect(tls.minimumVersion == .tls12 && tls.hstsMaxAge == 31_536_000)
        #expect(try read(["TLS_CERT_FILE": "c", "TLS_KEY_FILE": "k", "TLS_MIN_VERSION": "TLSv1.3", "HSTS_MAX_AGE": "60"]) == TLSSettings(
            certificateFile: "c", keyFile: "k", minimumVersion: .tls13, hstsMaxAge: 60))
        #expect(throws: ConfigurationError.self) { try read(["TLS_CERT_FILE": "c.pem"]) }
        #expect(throws: ConfigurationError.self) { try read(["TLS_CERT_FILE": "c", "TLS_KEY_FILE": "k", "TLS_MIN_VERSION": "1.1"]) }
    }

    @Test("a missing, unreadable or mismatched certificate or key stops start-up with one line naming the file")
    func badFiles() async throws {
        try await TestCertificates.with { certificates in
            let cases: [(String, String, String)] = [
                ("/nonexistent/cert.pem", certificates.key("server"), "TLS_CERT_FILE '/nonexistent/cert.pem'"),
                (certificates.certificate("server"), certificates.certificate("server"), "TLS_KEY_FILE '\(certificates.certificate("server"))'"),
                (certificates.certificate("server"), certificates.key("wrong"), "does not match the certificate"),
            ]
            for (certificate, key, expected) in cases {
                let error = #expect(throws: ConfigurationError.self) {
                    _ = try CertificateStore(TLSSettings(certificateFile: certificate, keyFile: key))
                }
                #expect(error?.description.contains(expected) == true, "\(String(describing: error))")
            }
            let result = try await ProcessResult.run(
                try BuiltProduct.path("user-auth-server"), [],
                environment: ["SECRET_KEY": AppHarness.secret, "DATABASE_URL": "sqlite://", "TLS_CERT_FILE": certificates.certificate("server"),
                              "TLS_KEY_FILE": certificates.key("wrong"), "TEMPLATES_DIR": AppHarness.templatesDirectory, "AUTO_MIGRATE": "true",
                              "MIGRATIONS_DIR": TestDatabase.migrationsDirectory])
            #expect(result.status == 1)
            #expect(result.stderr.hasPrefix("user-auth-server: error: TLS_KEY_FILE") && result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        }
    }

    @Test("SIGHUP swaps the certificate for new connections; --check-health works over TLS")
    func rotation() async throws {
        try await TestCertificates.with { certificates in
            let (served, key) = ("\(certificates.directory)/served.crt", "\(certificates.directory)/served.key")
            try Self.copy(certificates.certificate("server"), to: served)
            try Self.copy(certificates.key("server"), to: key)
            let environment = [
                "SECRET_KEY": AppHarness.secret, "DATABASE_URL": "sqlite://", "PORT": "0", "TLS_CERT_FILE": served, "TLS_KEY_FILE": key,
                "TEMPLATES_DIR": AppHarness.templatesDirectory, "AUTO_MIGRATE": "true", "MIGRATIONS_DIR": TestDatabase.migrationsDirectory,
            ]
            _ = try await LiveProcess.with(try BuiltProduct.path("user-auth-server"), [], environment: environment) { server in
                let listening = try #require(await server.line(containing: "Server started and listening"))
                let port = try #require(listening.split(separator: ":").last.flatMap { Int($0.prefix { $0.isNumber }) })
                #expect(try await Self.serial(port: port) == Self.serial(of: certificates.certificate("server")))
                try Self.copy(certificates.certificate("renewed"), to: served)
                try Self.copy(certificates.key("renewed"), to: key)
                server.send(SIGHUP)
                _ = await server.line(containing: "TLS certificate reloaded")
                #expect(try await Self.serial(port: port) == Self.serial(of: certificates.certificate("renewed")))
                var probe = environment
                probe["PORT"] = String(port)
                let health = try await ProcessResult.run(try BuiltProduct.path("user-auth-server"), ["--check-health"], environment: probe)
                #expect(health.status == 0)
            }
        }
    }

    private static func copy(_ source: String, to target: String) throws {
        try? FileManager.default.removeItem(atPath: target)
        try FileManager.default.copyItem(atPath: source, toPath: target)
    }

    /// The serial number of the certificate a new TLS connection to `port` is served.
    private static func serial(port: Int) async throws -> String {
        let result = try await ProcessResult.run(
            "/bin/sh", ["-c", "openssl s_client -connect 127.0.0.1:\(port) -servername localhost </dev/null 2>/dev/null | openssl x509 -noout -serial"])
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func serial(of certificate: String) async throws -> String {
        let result = try await ProcessResult.run("/usr/bin/openssl", ["x509", "-in", certificate, "-noout", "-serial"])
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
