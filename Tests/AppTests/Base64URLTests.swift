@testable import App
import Foundation
import Testing

/// The base64url decoder that reads every token segment.
@Suite("base64url")
struct Base64URLTests {
    @Test("decodes what Foundation's encoder wrote, for every length from 0 to 64 bytes")
    func roundTrip() {
        var generator = SystemRandomNumberGenerator()
        for length in 0...64 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let text = Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            #expect(Data(base64URLEncoded: text) == Data(bytes), "\(text)")
        }
    }

    @Test("only the canonical form: no padding, no base64 characters, no dangling or non-zero bits", arguments: [
        "QQ==", "QQ=", "a+b/", "QQ==\n", "A", "QR", "QUJ", "QUJD\0", "Q Q",
    ])
    func refuses(_ text: String) {
        #expect(Data(base64URLEncoded: text) == nil)
    }

    @Test("the last character's unused bits decide nothing: QQ and QUI are the canonical forms")
    func canonical() {
        #expect(Data(base64URLEncoded: "QQ") == Data("A".utf8))
        #expect(Data(base64URLEncoded: "QUI") == Data("AB".utf8))
        #expect(Data(base64URLEncoded: "") == Data())
    }
}
