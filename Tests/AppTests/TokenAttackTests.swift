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
            try await expectRejected(JWTForge.token(header: ["alg": "HS512"], payload: claims, hmacKey: secret, digest: .sha512), client, "HS512 with the right key")
            try await expectRejected(JWTForge.token(header: ["alg": "HS256"], payload: claims, hmacKey: String(repeating: "k", count: 64)), client, "wrong key")
            try await expectRejected(JWTForge.replacingPayload(of: valid, with: claims), client, "tampered payload")
            try await expectRejected(
                JWTForge.token(header: ["alg": "HS256"], payload: JWTForge.claims(sub: victimID, expires: Date().addingTimeInterval(-60)), hmacKey: secret),
                client, "expired")
            try await expectRejected(valid + "x", client, "broken signature")
            try await expectRejected("not.a.jwt", client, "garbage")
            try await expectRejected("a.b", client, "two parts")
            // Correctly signed with the right algorithm and key is accepted: the checks above are not vacuous.
            let forgedButValid = try JWTForge.token(header: ["alg": "HS256", "typ": "JWT"], payload: claims, hmacKey: secret)
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
            let current = try JWTForge.token(header: ["alg": "HS256"], payload: JWTForge.claims(sub: id, version: 1), hmacKey: AppHarness.secret)
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
            let hs256 = try JWTForge.token(header: ["alg": "HS256"], payload: JWTForge.claims(sub: id), hmacKey: AppHarness.secret)
            try await expectRejected(hs256, client, "HS256 on an HS512 service")
        }
    }
}

extension Int {
    var int64: Int64 { Int64(self) }
}
