import Foundation

/// A real SMTP server on a loopback port for tests: Debian's aiosmtpd running
/// `Tests/smtp/smtp_sink.py`, which prints one JSON line per event. Tests await what it
/// received; nothing is polled or slept on.
public final class SMTPSink: Sendable {
    /// The port it listens on, at 127.0.0.1.
    public let port: Int
    private let process: LiveProcess

    /// One accepted message, decoded by the sink.
    public struct Message: Sendable, Decodable, Equatable {
        public let to: [String]
        public let from: String
        public let messageID: String
        public let subject: String
        public let text: String
        public let html: String

        private enum CodingKeys: String, CodingKey {
            case to, from, subject, text, html
            case messageID = "message_id"
        }

        /// The first `http(s)://` link in the text part.
        public var link: String? {
            text.split(whereSeparator: \.isWhitespace).first { $0.hasPrefix("http://") || $0.hasPrefix("https://") }.map(String.init)
        }
    }

    private static let messageEvent = #""event": "message""#
    private static let refusedEvent = #""event": "refused""#

    private init(port: Int, process: LiveProcess) {
        self.port = port
        self.process = process
    }

    /// `smtp://127.0.0.1:PORT`.
    public var url: String { "smtp://127.0.0.1:\(port)" }

    /// The first `count` messages, once they have arrived.
    public func messages(_ count: Int) async -> [Message] {
        await process.lines(containing: Self.messageEvent, count: count).compactMap(Self.message)
    }

    /// How many messages were refused with 451, once at least `count` were: the sink prints
    /// before it answers, but its lines reach the test after the client has its answer.
    public func refusals(reaching count: Int) async -> Int {
        _ = await process.lines(containing: Self.refusedEvent, count: count)
        return await process.lines.filter { $0.contains(Self.refusedEvent) }.count
    }

    /// Runs `body` with a sink that answers 451 to its first `refusing` messages, then
    /// stops the sink and returns `body`'s value with every message it accepted.
    public static func with<T: Sendable>(
        refusing: Int = 0, _ body: (SMTPSink) async throws -> T
    ) async throws -> (value: T, received: [Message]) {
        // At a low priority: many sinks starting at once must not crowd out the tests.
        let arguments = ["-n", "10", "/usr/bin/python3", Repository.path("Tests/smtp/smtp_sink.py"), "--refuse", String(refusing)]
        let (value, lines) = try await LiveProcess.with("/usr/bin/nice", arguments) { process in
            guard let listening = await process.line(containing: #""event": "listening""#),
                let port = (try? JSONSerialization.jsonObject(with: Data(listening.utf8)) as? [String: Any])?["port"] as? Int
            else { throw TestSetupError("the SMTP sink did not start (is python3-aiosmtpd installed?)") }
            return try await body(SMTPSink(port: port, process: process))
        }
        return (value, lines.filter { $0.contains(messageEvent) }.compactMap(message))
    }

    private static func message(_ line: String) -> Message? {
        try? JSONDecoder().decode(Message.self, from: Data(line.utf8))
    }
}
