@testable import App
import Foundation
import Storage
import Testing

/// The one-pass reader of token claims, against the JSON it must accept and refuse.
@Suite("Claims reader")
struct FlatJSONTests {
    private static func read(_ text: String) -> [String: FlatJSON.Value]? { FlatJSON.object(Array(text.utf8)) }

    @Test("strings with every escape and surrogate pairs, integers, booleans, null, any spacing")
    func accepts() {
        let members = Self.read(#" { "a" : "q\"b\\s\/n\n\t\r\b\f\u00e9\ud83d\ude00" , "n":-42,"z":0, "t":true,"f":false, "x":null } "#)
        #expect(members?["a"] == .string("q\"b\\s/n\n\t\r\u{08}\u{0C}é😀"))
        #expect(members?["n"] == .integer(-42) && members?["z"] == .integer(0))
        #expect(members?["t"] == .bool(true) && members?["f"] == .bool(false) && members?["x"] == .null)
        #expect(Self.read("{}") == [:])
        #expect(Self.read(#"{"big":9223372036854775807}"#)?["big"] == .integer(.max))
    }

    @Test("anything else is refused", arguments: [
        #"{"a":{"b":1}}"#, #"{"a":[1]}"#, #"{"a":1.5}"#, #"{"a":1e3}"#, #"{"a":01}"#, #"{"a":1,"a":2}"#, #"{"a":1} x"#,
        #"{"a":"\x"}"#, "{\"a\":\"\u{01}\"}", #"{"a":"\ud83d"}"#, #"{"a":"\udc00"}"#, #"{"a":9223372036854775808}"#, #"{"a":-}"#,
        #"{"a":tru}"#, #"{"a":1,}"#, #"{a:1}"#, #"["a"]"#, "", #"{"a":"b"#,
    ])
    func refuses(_ text: String) {
        #expect(Self.read(text) == nil)
    }

    @Test("bad UTF-8 in a string is refused")
    func badUTF8() {
        #expect(FlatJSON.object(Array(#"{"a":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)) == nil)
    }

    @Test("a token's claims read the same as JSONDecoder reads them, with and without a session")
    func sameAsJSONDecoder() async throws {
        let tokens = await TokenService(secret: String(repeating: "k", count: 32) + "0123456789abcdef", algorithm: .hs256, lifetime: .seconds(60))
        let user = User(id: 7, username: "zoë", email: "z@example.com", passwordHash: "h", createdAt: Date(), updatedAt: Date(), tokenVersion: 3)
        let session = Session(id: "s1", userID: 7, createdAt: Date(), lastUsedAt: Date(), authTime: Date(), expiresAt: Date(), userAgent: nil, ip: nil)
        for session in [nil, session] {
            let token = try await tokens.issue(for: user, session: session)
            let payload = try #require(Data(base64URLEncoded: token.split(separator: ".")[1]))
            let decoded = try JSONDecoder().decode(AccessToken.self, from: payload)
            #expect(AccessToken(payload: Array(payload)) == decoded)
            #expect(try tokens.verify(token) == decoded)
        }
    }
}
