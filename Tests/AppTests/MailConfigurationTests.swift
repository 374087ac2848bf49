@testable import App
import Foundation
import Logging
import Settings
import Storage
import Testing

/// Mail settings, message building and the console transport.
@Suite("Mail configuration")
struct MailConfigurationTests {
    private func load(_ environment: [String: String]) throws -> AppConfiguration {
        try AppConfiguration(settings: Settings(environment: ["SECRET_KEY": AppHarness.secret].merging(environment) { $1 }, dotEnvPath: "/nonexistent/.env"))
    }

    @Test("defaults: no SMTP (mail to the log), links to 127.0.0.1:8000, 30 minutes and 24 hours, login without verification")
    func defaults() throws {
        let configuration = try load([:])
        #expect(configuration.smtp == nil && configuration.publicURL == "http://127.0.0.1:8000")
        #expect(configuration.passwordResetMinutes == 30 && configuration.emailVerifyHours == 24 && !configuration.requireVerifiedEmail)
        #expect(configuration.templatesDirectory == "./templates")
        #expect(configuration.mailTransport(logger: Logger(label: "t")) is LogTransport)
    }

    @Test("every mail variable is read; SMTP_URL credentials are decoded and never described")
    func variables() throws {
        let configuration = try load([
            "SMTP_URL": "smtp://mailer:p%40ss%3Aword@mail.example.com:2525?starttls=required", "MAIL_FROM": "Auth <auth@example.com>",
            "PUBLIC_URL": "https://auth.example.com/", "TEMPLATES_DIR": "/etc/auth/templates", "PASSWORD_RESET_EXPIRE_MINUTES": "15",
            "EMAIL_VERIFY_EXPIRE_HOURS": "48", "REQUIRE_VERIFIED_EMAIL": "true", "MAIL_MAX_ATTEMPTS": "3", "MAIL_RETRY_BASE_SECONDS": "2",
            "RATE_LIMIT_PASSWORD_RESETS_PER_EMAIL": "1/10m",
        ])
        let smtp = try #require(configuration.smtp)
        #expect(smtp.host == "mail.example.com" && smtp.port == 2525 && !smtp.implicitTLS && smtp.requireStartTLS)
        #expect(smtp.username == "mailer" && smtp.password == "p@ss:word")
        #expect(smtp.curlURL == "smtp://mail.example.com:2525" && !"\(smtp)".contains("p@ss") && !"\(smtp)".contains("mailer"))
        #expect(configuration.mailFrom == "Auth <auth@example.com>" && configuration.publicURL == "https://auth.example.com")
        #expect(configuration.templatesDirectory == "/etc/auth/templates" && configuration.requireVerifiedEmail)
        #expect(configuration.passwordResetMinutes == 15 && configuration.emailVerifyHours == 48)
        #expect(configuration.courier.maxAttempts == 3 && configuration.courier.baseDelay == .seconds(2))
        #expect(configuration.rateLimits.passwordResetsPerEmail == RateLimit(count: 1, window: .seconds(600)))
        #expect(try SMTPEndpoint(parsing: "smtps://mail.example.com").port == 465)
    }

    @Test(
        "bad mail settings refuse to start with a reason that shows no password",
        arguments: [
            (["SMTP_URL": "http://mail.example.com"], "SMTP_URL must look like"),
            (["SMTP_URL": "smtp://u:secret@mail.example.com?tls=yes"], "unsupported parameter 'tls'"),
            (["PUBLIC_URL": "auth.example.com"], "PUBLIC_URL 'auth.example.com' must be an absolute"),
            (["EMAIL_VERIFY_EXPIRE_HOURS": "0"], "EMAIL_VERIFY_EXPIRE_HOURS"),
        ])
    func refused(_ environment: [String: String], _ reason: String) throws {
        let error = #expect(throws: ConfigurationError.self) { try load(environment) }
        #expect(error?.description.contains(reason) == true, "\(String(describing: error))")
        #expect(error?.description.contains("secret") == false)
    }

    @Test("a templates folder missing a file stops startup, naming the file")
    func incompleteTemplates() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("uas-templates-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: AppHarness.templatesDirectory, toPath: folder.path)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("email_changed.html.mustache"))
        let error = await #expect(throws: ConfigurationError.self) { _ = try await MailTemplates.load(directory: folder.path) }
        #expect(error?.description.contains("email_changed.html.mustache") == true)
        await #expect(throws: ConfigurationError.self) { _ = try await MailTemplates.load(directory: "/nonexistent") }
    }

    @Test("a message is RFC 5322 with both parts in base64; CR and LF never reach a header")
    func message() throws {
        let mail = OutgoingMail(
            id: "0f1e", messageID: "<0f1e@example.com>", recipient: "ann@example.com", subject: "Hi\r\nBcc: evil@example.com",
            text: "Grüße", html: "<p>Grüße</p>", createdAt: Date())
        let text = String(decoding: MIMEMessage(mail: mail, sender: MailSender("Auth <auth@example.com>"), date: Date(timeIntervalSince1970: 0)).bytes, as: UTF8.self)
        let headers = text.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
        #expect(headers.contains("Subject: HiBcc: evil@example.com") && !headers.contains { $0.hasPrefix("Bcc:") })
        #expect(headers.contains("Date: Thu, 01 Jan 1970 00:00:00 +0000") && headers.contains("Message-ID: <0f1e@example.com>"))
        #expect(text.contains(Data("Grüße".utf8).base64EncodedString()))
        #expect(MIMEMessage.encodedWord("Grüße") == "=?UTF-8?B?R3LDvMOfZQ==?=")
        #expect(MailSender("Auth <auth@example.com>").address == "auth@example.com" && MailSender("a@b.example").domain == "b.example")
    }

    @Test("with no SMTP server, a message and its link go to the log at info level")
    func console() async throws {
        let logs = CapturedLogs()
        let mail = OutgoingMail(
            id: "1", messageID: "<1@x>", recipient: "ann@example.com", subject: "Reset your password",
            text: "open https://auth.example.com/users/password/reset?token=abc", html: "", createdAt: Date())
        try await LogTransport(logger: logs.logger()).send(mail, from: MailSender("a@x"))
        let line = try #require(logs.all.first)
        #expect(line.hasPrefix("info ") && line.contains("SMTP_URL is unset") && line.contains("reset?token=abc"))
    }
}
