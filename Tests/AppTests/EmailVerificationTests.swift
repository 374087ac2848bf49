@testable import App
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Storage
import Testing
import TestSupport

/// Email verification through a real SMTP server: the link in the mail is followed.
@Suite("Email verification")
struct EmailVerificationTests {
    @Test("register → mail → link page → verify; the link works once", arguments: Backend.allCases)
    func wholeFlow(_ backend: Backend) async throws {
        try await MailHarness.withApp(backend) { client, sink, _ in
            let registered = try await client.register("eve")
            #expect(registered["email_verified"] as? Bool == false)
            let mail = try #require(await sink.messages(1).first)
            #expect(mail.to == ["eve@example.com"] && mail.subject == "Confirm your email address")
            #expect(mail.text.contains("eve@example.com") && mail.text.contains("24 hours"))
            let page = try await client.send(.get, try MailHarness.path(of: mail.link))
            #expect(page.status == .ok && String(buffer: page.body).contains(#"action="/users/email/verify""#))
            let token = try MailHarness.token(of: mail.link)
            let verified = try await client.send(.post, "/users/email/verify", json: ["token": token])
            #expect(verified.status == .ok)
            #expect(try verified.jsonObject()["email_verified"] as? Bool == true)
            let me = try await client.send(.get, "/users/me", token: try await client.login("eve"))
            #expect(try me.jsonObject()["email_verified"] as? Bool == true)
            #expect(try await client.send(.post, "/users/email/verify", json: ["token": token]).status == .badRequest)
        }
    }

    @Test("an email change mails a link to the new address and a notice to the old one", arguments: Backend.allCases)
    func emailChange(_ backend: Backend) async throws {
        try await MailHarness.withApp(backend) { client, sink, _ in
            try await client.register("fay")
            let oldLink = try #require(await sink.messages(1).first?.link)
            let token = try await client.login("fay")
            let changed = try await client.send(.put, "/users/me", json: ["email": "fay@new.example"], token: token)
            #expect(changed.status == .ok)
            #expect(try changed.jsonObject()["email_verified"] as? Bool == false)
            let both = await sink.messages(3).dropFirst()
            let verification = try #require(both.first { $0.to == ["fay@new.example"] })
            let notice = try #require(both.first { $0.to == ["fay@example.com"] })
            #expect(verification.subject == "Confirm your email address")
            #expect(notice.subject == "Your email address was changed" && notice.text.contains("fay@new.example") && notice.link == nil)
            // The first link was for the old address: it verifies nothing now.
            #expect(try await client.send(.post, "/users/email/verify", json: ["token": try MailHarness.token(of: oldLink)]).status == .badRequest)
            let verified = try await client.send(.post, "/users/email/verify", json: ["token": try MailHarness.token(of: verification.link)])
            #expect(try verified.jsonObject()["email"] as? String == "fay@new.example")
            #expect(try verified.jsonObject()["email_verified"] as? Bool == true)
        }
    }

    @Test("a verification link expires after EMAIL_VERIFY_EXPIRE_HOURS", arguments: Backend.allCases)
    func expiry(_ backend: Backend) async throws {
        let clock = TestClock()
        try await MailHarness.withApp(backend, clock: clock, configure: { $0.emailVerifyHours = 2 }) { client, sink, _ in
            try await client.register("gus")
            let mail = try #require(await sink.messages(1).first)
            #expect(mail.text.contains("2 hours"))
            clock.advance(2 * 3600)
            #expect(try await client.send(.post, "/users/email/verify", json: ["token": try MailHarness.token(of: mail.link)]).status == .badRequest)
        }
    }

    @Test("resending: 202 and a new link that supersedes the old; throttled; 409 once verified", arguments: Backend.allCases)
    func resend(_ backend: Backend) async throws {
        try await MailHarness.withApp(backend) { client, sink, _ in
            try await client.register("hal")
            let token = try await client.login("hal")
            let first = try #require(await sink.messages(1).first?.link)
            let resent = try await client.send(.post, "/users/me/email/verification", token: token)
            #expect(resent.status == .accepted)
            let second = try #require(await sink.messages(2).last?.link)
            #expect(try await client.send(.post, "/users/email/verify", json: ["token": try MailHarness.token(of: first)]).status == .badRequest)
            for _ in 0..<2 { #expect(try await client.send(.post, "/users/me/email/verification", token: token).status == .accepted) }
            let throttled = try await client.send(.post, "/users/me/email/verification", token: token)
            #expect(throttled.status == .tooManyRequests && throttled.headers[.retryAfter] != nil)
            let latest = try #require(await sink.messages(4).last?.link)
            #expect(second != latest)
            #expect(try await client.send(.post, "/users/email/verify", json: ["token": try MailHarness.token(of: latest)]).status == .ok)
            #expect(try await client.send(.post, "/users/me/email/verification", token: token).status == .conflict)
        }
    }

    @Test("REQUIRE_VERIFIED_EMAIL: 403 only after the right password, 200 once verified", arguments: Backend.allCases)
    func requireVerified(_ backend: Backend) async throws {
        try await MailHarness.withApp(backend, configure: { $0.requireVerifiedEmail = true }) { client, sink, _ in
            try await client.register("ida")
            let wrong = try await client.send(.post, "/users/login", json: ["username": "ida", "password": "not the password"])
            #expect(wrong.status == .unauthorized)
            let unverified = try await client.send(.post, "/users/login", json: ["username": "ida", "password": "correct horse battery"])
            #expect(unverified.status == .forbidden)
            #expect(try unverified.detail().contains("not verified"))
            let link = try #require(await sink.messages(1).first?.link)
            #expect(try await client.send(.post, "/users/email/verify", json: ["token": try MailHarness.token(of: link)]).status == .ok)
            _ = try await client.login("ida")
        }
    }
}
