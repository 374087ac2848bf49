import Foundation
import Storage

/// An outbox message as RFC 5322 text: headers, then a `multipart/alternative` body with
/// the plain-text and HTML parts, each UTF-8 in base64, so any character survives any relay.
struct MIMEMessage {
    let mail: OutgoingMail
    let sender: MailSender
    let date: Date

    /// The bytes handed to the server after `DATA`, lines ending in CRLF.
    var bytes: [UInt8] {
        let boundary = "=_\(mail.id.filter { $0.isLetter || $0.isNumber })"
        let headers = [
            "From: \(sender.header)",
            "To: \(Self.clean(mail.recipient))",
            "Subject: \(Self.encodedWord(Self.clean(mail.subject)))",
            "Date: \(Self.rfc5322(date))",
            "Message-ID: \(Self.clean(mail.messageID))",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
        ]
        let parts = [("text/plain", mail.text), ("text/html", mail.html)].map { type, body in
            "--\(boundary)\r\nContent-Type: \(type); charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n\(Self.base64Lines(body))"
        }
        let text = headers.joined(separator: "\r\n") + "\r\n\r\n" + parts.joined(separator: "\r\n") + "\r\n--\(boundary)--\r\n"
        return Array(text.utf8)
    }

    /// No CR or LF may reach a header from a value: that would be header injection.
    static func clean(_ value: String) -> String {
        value.filter { !$0.isNewline }
    }

    /// RFC 2047: a non-ASCII header value as `=?UTF-8?B?...?=`.
    static func encodedWord(_ value: String) -> String {
        guard value.unicodeScalars.contains(where: { !$0.isASCII }) else { return value }
        return "=?UTF-8?B?\(Data(value.utf8).base64EncodedString())?="
    }

    /// Base64 in lines of 76 characters, as MIME requires.
    static func base64Lines(_ body: String) -> String {
        Data(body.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
    }

    static func rfc5322(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
