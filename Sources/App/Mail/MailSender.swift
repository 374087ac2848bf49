import Foundation

/// `MAIL_FROM`: the `From:` header as given (`Name <address>` or a bare address) and the
/// envelope address taken from it.
struct MailSender: Sendable, Equatable {
    let header: String
    let address: String

    init(_ text: String) {
        header = text.filter { !$0.isNewline }
        if let open = header.lastIndex(of: "<"), let close = header.lastIndex(of: ">"), open < close {
            address = String(header[header.index(after: open)..<close])
        } else {
            address = header.trimmingCharacters(in: .whitespaces)
        }
    }

    /// The domain of the address, for `Message-ID`s.
    var domain: String {
        address.split(separator: "@").last.map(String.init) ?? "localhost"
    }
}
