@testable import App
import Foundation
import HTTPTypes
import HummingbirdTesting
import Storage
import Testing
import TestSupport

/// Tokens an attacker could send: each must be a 401 with `error="invalid_token"`.
@Suite("JWT attacks")
struct TokenAttackTests {
    private static let invalid = #"Bearer error="invalid_token""#

    private func expectRejected(_ token: String, _ client: any TestClientProtocol, _ comment: Comment) async throws {
        let response = try await client.send(.get, "/users/me", token: token)
        #expect(response.status == .unauthorized, comment)
        #expect(response.headers[.wwwAuthenticate] == Self.invalid, comment)
        #expect(try response.detail() == "Could not validate credentials", comment)
    }

    @Test("forged, tampered, expired and foreign tokens are refused", arguments: Backend.allCases)
    func forgeries(_ backend: Backend) async throws {
        try await AppHarness.withApp(backend) { client, _ in
            let victim = try await client.register("victim")
            let attacker = try await client.register("attacker")
            let victimID = try #require(victim["id"] as? Int).int64
            let valid = try await client.login("attacker")
            #expect(try await client.send(.get, "/users/me", token: valid).status == .ok)
            let secret = AppHarness.secret
            let claims = JWTForge.claims(sub: victimID)

            try await expectRejected(JWTForge.token(header: ["alg": "none", "typ": "JWT"], payload: claims, hmacKey: nil), client, "alg none")
            try await expectRejected(JWTForge.token(header: ["alg": "None"], payload: claims, hmacKey: nil), client, "alg None")
            try await expectRejected(JWTForge.token(header: ["alg": "RS256", "typ": "JWT"], payload: claims, hmacKey: secret), client, "RS256 header, HMAC signature")
            try await expectRejected(JWTForge.token(header: JWTForge.header(algorithm: "HS512"), payload: claims, hmacKey: secret, digest: .sha512), client, "HS512 with the right key")
            try await expectRejected(JWTForge.token(header: JWTForge.header(), payload: claims, hmacKey: String(repeating: "k", count: 64)), client, "wrong key")
            try await expectRejected(JWTForge.replacingPayload(of: valid, with: claims), client, "tampered payload")
            try await expectRejected(
                JWTForge.token(header: JWTForge.header(), payload: JWTForge.claims(sub: victimID, expires: Date().addingTimeInterval(-60)), hmacKey: secret),
                client, "expired")
            try await expectRejected(valid + "x", client, "broken signature")
            try await expectRejected("not.a.jwt", client, "garbage")
            try await expectRejected("a.b", client, "two parts")
            // Correctly signed with the right algorithm and key is accepted: the checks above are not vacuous.
            let forgedButValid = try JWTForge.token(header: JWTForge.header(secret), payload: claims, hmacKey: secret)
            let me = try await client.send(.get, "/users/me", token: forgedButValid)
            #expect(me.status == .ok)
            #expect(try me.jsonObject()["username"] as? String == "victim")
            _ = attacker
        }
    }

    @Test("tokens of deleted users and from before a password change are refused")
    func revoked() async throws {
        try await AppHarness.withApp(.sqliteFile) { client, database in
            let user = try await client.register("mallory")
            let id = try #require(user["id"] as? Int).int64
            let token = try await client.login("mallory")
            _ = try await database.update(id: id, UserUpdate(passwordHash: "x", revokesTokens: true))
            try await expectRejected(token, client, "before password change")
            let current = try JWTForge.token(header: JWTForge.header(), payload: JWTForge.claims(sub: id, version: 1), hmacKey: AppHarness.secret)
            #expect(try await client.send(.get, "/users/me", token: current).status == .ok)
            _ = try await database.delete(id: id)
            try await expectRejected(current, client, "deleted user")
        }
    }

    @Test("an HS512 service refuses HS256 tokens and accepts its own")
    func configuredAlgorithmOnly() async throws {
        try await AppHarness.withApp(.sqliteMemory, configure: { $0.algorithm = .hs512 }) { client, _ in
            let user = try await client.register("nina")
            let id = try #require(user["id"] as? Int).int64
            let token = try await client.login("nina")
            #expect(try await client.send(.get, "/users/me", token: token).status == .ok)
            let hs256 = try JWTForge.token(header: JWTForge.header(), payload: JWTForge.claims(sub: id), hmacKey: AppHarness.secret)
            try await expectRejected(hs256, client, "HS256 on an HS512 service")
        }
    }

    @Test("RFC 8725: iss, aud, typ and a known kid are required; iat at most a minute ahead", arguments: Backend.allCases)
    func claimChecks(_ backend: Backend) async throws {
        try await AppHarness.withApp(backend) { client, _ in
            let id = try #require(try await client.register("olga")["id"] as? Int).int64
            let good = JWTForge.claims(sub: id)
            let sign = { (header: [String: Any], payload: [String: Any]) in try JWTForge.token(header: header, payload: payload, hmacKey: AppHarness.secret) }
            #expect(try await client.send(.get, "/users/me", token: try sign(JWTForge.header(), good)).status == .ok)
            #expect(try await client.send(.get, "/users/me", token: try sign(JWTForge.header(), JWTForge.claims(sub: id, issued: Date().addingTimeInterval(30)))).status == .ok)
            var header = JWTForge.header()
            header["typ"] = "JWT"
            try await expectRejected(try sign(header, good), client, "typ JWT")
            header = JWTForge.header()
            header["kid"] = nil
            try await expectRejected(try sign(header, good), client, "no kid")
            header["kid"] = "0123456789abcdef"
            try await expectRejected(try sign(header, good), client, "unknown kid")
            for (claim, value) in [("iss", "someone-else"), ("aud", "another-api")] {
                var claims = good
                claims[claim] = value
                try await expectRejected(try sign(JWTForge.header(), claims), client, "\(claim) \(value)")
                claims[claim] = nil
                try await expectRejected(try sign(JWTForge.header(), claims), client, "no \(claim)")
            }
            try await expectRejected(try sign(JWTForge.header(), JWTForge.claims(sub: id, issued: Date().addingTimeInterval(120))), client, "iat two minutes ahead")
        }
    }

    @Test("exp and iat are whole seconds, and the header names the key and the type")
    func integerDates() async throws {
        try await AppHarness.withApp(.sqliteMemory) { client, _ in
            try await client.register("pia")
            let token = try await client.login("pia")
            let payload = try JWTForge.payloadText(of: token)
            #expect(payload.wholeMatch(of: /.*"exp":\d+[,}].*/) != nil && payload.wholeMatch(of: /.*"iat":\d+[,}].*/) != nil, "\(payload)")
            #expect(payload.contains(#""iss":"user-auth-service""#) && payload.contains(#""aud":"user-auth-service""#))
            #expect(try JWTForge.header(of: token) == ["alg": "HS256", "typ": "at+jwt", "kid": TokenKeys.kid(AppHarness.secret)])
        }
    }

    @Test("key rotation: tokens of a previous key still work, each verified only with the key it names", arguments: Backend.allCases)
    func rotation(_ backend: Backend) async throws {
        let old = "6054be7ab799c819f108a38feb1f3492810617ee35b1bd5519eba6a0aa09c2d7"
        try await AppHarness.withApp(backend, configure: { $0.previousSecretKeys = [old] }) { client, _ in
            let id = try #require(try await client.register("quin")["id"] as? Int).int64
            let claims = JWTForge.claims(sub: id)
            #expect(try await client.send(.get, "/users/me", token: try JWTForge.token(header: JWTForge.header(old), payload: claims, hmacKey: old)).status == .ok)
            // Named the current key, signed with the old one: refused.
            try await expectRejected(try JWTForge.token(header: JWTForge.header(), payload: claims, hmacKey: old), client, "kid of the current key, old signature")
            let retired = "237443ed3506108f308c255523acac6ec295aabc9fb48239e762f8fa96be87d7"
            try await expectRejected(try JWTForge.token(header: JWTForge.header(retired), payload: claims, hmacKey: retired), client, "a key no longer listed")
            // New tokens are signed with the current key.
            let fresh = try await client.login("quin")
            #expect(try JWTForge.header(of: fresh)["kid"] == TokenKeys.kid(AppHarness.secret))
        }
    }
}

extension Int {
    var int64: Int64 { Int64(self) }
}
