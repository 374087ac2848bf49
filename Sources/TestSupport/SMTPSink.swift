public import Foundation
import Subprocess
import SystemPackage

/// A real SMTP server on a loopback port for tests: Debian's aiosmtpd running
/// `Tests/smtp/smtp_sink.py`. Tests await what it received; nothing is polled or slept on.
public final class SMTPSink: Sendable {
    /// The port it listens on, at 127.0.0.1.
    public let port: Int
    private let mailbox: Mailbox

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

    private init(port: Int, mailbox: Mailbox) {
        self.port = port
        self.mailbox = mailbox
    }

    /// `smtp://127.0.0.1:PORT`.
    public var url: String { "smtp://127.0.0.1:\(port)" }

    /// The first `count` messages, once they have arrived.
    public func messages(_ count: Int) async -> [Message] { await mailbox.messages(count) }

    /// How many messages were refused with 451 so far.
    public var refusals: Int { get async { await mailbox.refusals } }

    /// Runs `body` with a sink that answers 451 to its first `refusing` messages, then
    /// stops the sink and returns `body`'s value with every message it accepted.
    public static func with<T: Sendable>(
        refusing: Int = 0, _ body: (SMTPSink) async throws -> T
    ) async throws -> (value: T, received: [Message]) {
        let mailbox = Mailbox()
        let result = try await Subprocess.run(
            // At a low priority: many sinks starting at once must not crowd out the tests.
            .path("/usr/bin/nice"), arguments: ["-n", "10", "/usr/bin/python3", script, "--refuse", String(refusing)],
            input: .none, output: .sequence, error: .discarded
        ) { execution in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for try await line in execution.standardOutput.strings() { await mailbox.receive(line) }
                    await mailbox.close()
                }
                defer { try? execution.send(signal: .terminate) }
                guard let port = await mailbox.port() else { throw SinkError("the SMTP sink did not start (is python3-aiosmtpd installed?)") }
                let value = try await body(SMTPSink(port: port, mailbox: mailbox))
                return value
            }
        }
        return (result.closureResult, await mailbox.all)
    }

    private static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Tests/smtp/smtp_sink.py").path

    struct SinkError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}

/// What the sink printed, and the tests waiting for it.
private actor Mailbox {
    private(set) var all: [SMTPSink.Message] = []
    private(set) var refusals = 0
    private var listening: Int?
    private var closed = false
    private var waiters: [(want: Want, continuation: CheckedContinuation<Void, Never>)] = []

    /// What a waiting test needs.
    private enum Want {
        case port
        case messages(Int)
    }

    private struct Event: Decodable {
        let event: String
        let port: Int?
    }

    func receive(_ line: String) {
        let data = Data(line.utf8)
        guard let event = try? JSONDecoder().decode(Event.self, from: data) else { return }
        switch event.event {
        case "listening": listening = event.port
        case "refused": refusals += 1
        case "message": if let message = try? JSONDecoder().decode(SMTPSink.Message.self, from: data) { all.append(message) }
        default: break
        }
        wake()
    }

    func close() {
        closed = true
        wake()
    }

    func port() async -> Int? {
        await until(.port)
        return listening
    }

    func messages(_ count: Int) async -> [SMTPSink.Message] {
        await until(.messages(count))
        return Array(all.prefix(count))
    }

    private func satisfied(_ want: Want) -> Bool {
        if closed { return true }
        switch want {
        case .port: return listening != nil
        case .messages(let count): return all.count >= count
        }
    }

    private func until(_ want: Want) async {
        guard !satisfied(want) else { return }
        await withCheckedContinuation { waiters.append((want, $0)) }
    }

    private func wake() {
        let done = waiters.filter { satisfied($0.want) }
        waiters.removeAll { satisfied($0.want) }
        for waiter in done { waiter.continuation.resume() }
    }
}
