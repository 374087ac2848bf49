@testable import App
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing

/// The user's JSON, written by hand, against what `JSONEncoder` writes for the same value.
@Suite("User JSON")
struct UserResponseTests {
    @Test("the same members and values as JSONEncoder, whatever the strings hold", arguments: [
        "plain", "Zoë Ünïcödé 😀", "quote\" back\\slash /slash", "tab\tnew\nline\r", "\u{01}\u{1F}\u{7F}\u{08}\u{0C}", "",
    ])
    func sameAsEncoder(_ name: String) async throws {
        let user = User(id: 42, username: name, email: "\(name)@example.com", passwordHash: "h", createdAt: Date(timeIntervalSince1970: 1.5), updatedAt: Date())
        let response = UserResponse(user)
        let router = Router()
        router.get("user") { _, _ in response }
        try await Application(router: router).test(.router) { client in
            let answer = try await client.execute(uri: "/user", method: .get)
            #expect(answer.headers[.contentType] == "application/json; charset=utf-8")
            let written = try JSONSerialization.jsonObject(with: Data(String(buffer: answer.body).utf8)) as? NSDictionary
            let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(response)) as? NSDictionary
            #expect(written != nil && written == encoded)
            #expect(written?["username"] as? String == name && written?["created_at"] as? String == "1970-01-01T00:00:01.500Z")
        }
    }
}
