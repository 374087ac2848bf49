@testable import App
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Storage
import Testing
import TestSupport

/// Password reset through a real SMTP server: the link in the mail is followed.
@Suite("Password reset")
struct PasswordResetTests {
    @Test("forgot → mail → link page → reset: new password works, old sessions and tokens end, email verified", arguments: Backend.allCases)
    func wholeFlow(_ backend: Backend) async throws {
        try await MailHarness.withApp(backend) { client, sink, _ in
            try await client.register("ann")
            let before = try await client.loginPair("ann")
            let forgot = try await client.send(.post, "/users/password/forgot", json: ["email": "ANN@example.com"])
            #expect(forgot.status == .accepted)
            let mail = try #require(await sink.messages(2).last)
            #expect(mail.to == ["ann@example.com"] && mail.subject == "Reset your password")
            #expect(mail.from == "auth@tests.example" && mail.messageID.hasSuffix("@tests.example>"))
            #expect(mail.text.contains("Hello ann") && mail.html.contains("<a href=\"https://auth.example.com/users/password/reset?token="))
            let page = try await client.send(.get, try MailHarness.path(of: mail.link))
            #expect(page.status == .ok && String(buffer: page.body).contains(#"action="/users/password/reset""#))
            let token = try MailHarness.token(of: mail.link)
            let reset = try await client.send(.post, "/users/password/reset", json: ["token": token, "new_password": "a brand new secret"])
            #expect(reset.status == .ok, "\(String(buffer: reset.body))")
            #expect(try reset.jsonObject()["email_verified"] as? Bool == true)
            #expect(try await client.send(.get, "/users/me", token: before.access).status == .unauthorized)
            #expect(try await client.refresh(before.refresh).status == .unauthorized)
            #expect(try await client.send(.post, "/users/login", json: ["username": "ann", "password": "correct horse battery"]).status == .unauthorized)
            _ = try await client.login("ann", password: "a brand new secret")
            let again = try await client.send(.post, "/users/password/reset", json: ["token": token, "new_password": "yet another secret"])
            #expect(again.status == .badRequest)
            #expect(try again.detail() == "Invalid or expired token")
        }
    }

    @Test("an unknown address gets the same status, body and time as a known one, and no mail", arguments: Backend.allCases)
    func noEnumeration(_ backend: Backend) async throws {
        // A floor well above the work, so that a loaded machine slows both sides alike rather
        // than only the side that writes a token and a mail.
        let configure: (inout AppConfiguration) -> Void = { $0.rateLimits.enabled = false; $0.forgotFloor = .milliseconds(1500) }
        let received = try await MailHarness.withApp(backend, configure: configure) { client, sink, _ in
            try await client.register("bob")
            var known: [Duration] = [], unknown: [Duration] = []
            var bodies: Set<String> = []
            // Interleaved, so a slow moment of the machine falls on both sides alike.
            for _ in 0..<3 {
                for exists in [true, false] {
                    let started = ContinuousClock.now
                    let response = try await client.send(.post, "/users/password/forgot", json: ["email": exists ? "bob@example.com" : "nobody@example.com"])
                    let elapsed = ContinuousClock.now - started
                    #expect(response.status == .accepted)
                    bodies.insert(String(buffer: response.body))
                    if exists { known.append(elapsed) } else { unknown.append(elapsed) }
                }
            }
            #expect(bodies.count == 1)
            let (a, b) = (known.sorted()[1], unknown.sorted()[1])
            #expect(max(a, b) < min(a, b) * 2, "median known \(a), unknown \(b)")
            _ = await sink.messages(4)
        }
        #expect(received.count == 4 && received.allSatisfy { $0.to == ["bob@example.com"] })
    }

    @Test("a reset link expires, and a newer request supersedes an older link", arguments: Backend.allCases)
    func expiryAndSupersession(_ backend: Backend) async throws {
        let clock = TestClock()
        try await MailHarness.withApp(backend, clock: clock) { client, sink, _ in
            try await client.register("cat")
            _ = try await client.send(.post, "/users/password/forgot", json: ["email": "cat@example.com"])
            let first = try MailHarness.token(of: await sink.messages(2)[1].link)
            _ = try await client.send(.post, "/users/password/forgot", json: ["email": "cat@example.com"])
            let second = try MailHarness.token(of: await sink.messages(3)[2].link)
            let superseded = try await client.send(.post, "/users/password/reset", json: ["token": first, "new_password": "a brand new secret"])
            #expect(superseded.status == .badRequest)
            clock.advance(30 * 60)
            let expired = try await client.send(.post, "/users/password/reset", json: ["token": second, "new_password": "a brand new secret"])
            #expect(expired.status == .badRequest)
            #expect(try expired.detail() == "Invalid or expired token")
            _ = try await client.login("cat")
        }
    }

    @Test("the new password follows every password rule, and a bad token changes nothing", arguments: Backend.allCases)
    func rules(_ backend: Backend) async throws {
        try await MailHarness.withApp(backend) { client, sink, _ in
            try await client.register("dan")
            _ = try await client.send(.post, "/users/password/forgot", json: ["email": "dan@example.com"])
            let token = try MailHarness.token(of: await sink.messages(2)[1].link)
            for weak in ["short", "password123", "dan@example.com"] {
                let response = try await client.send(.post, "/users/password/reset", json: ["token": token, "new_password": weak])
                #expect(response.status == .unprocessableContent, "\(weak)")
            }
            for bad in ["", "x", String(repeating: "A", count: 43), "<script>"] {
                let response = try await client.send(.post, "/users/password/reset", json: ["token": bad, "new_password": "a brand new secret"])
                #expect(response.status == .badRequest, "\(bad)")
                // The page checks only the form of a token (it spends nothing).
                let page = try await client.send(.get, "/users/password/reset?token=\(bad.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")")
                #expect(page.status == (bad.count == 43 ? .ok : .badRequest), "\(bad)")
            }
            #expect(try await client.send(.post, "/users/password/reset", json: ["token": token, "new_password": "a brand new secret"]).status == .ok)
        }
    }
}
