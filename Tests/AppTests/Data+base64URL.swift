@testable import App
import Foundation

extension Data {
    /// Decodes unpadded base64url (RFC 4648 §5), as the service's `[UInt8](base64URLEncoded:)`
    /// does, for tests that read a token's segments.
    init?(base64URLEncoded text: some StringProtocol) {
        guard let bytes = [UInt8](base64URLEncoded: text.utf8) else { return nil }
        self.init(bytes)
    }
}
