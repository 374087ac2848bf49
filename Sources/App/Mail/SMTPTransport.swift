import Foundation
import NIOPosix
import Storage

/// Delivers over SMTP with libcurl. Its blocking calls run on the transport's own thread,
/// never on the cooperative pool or an event loop.
final class SMTPTransport: MailTransport {
    let endpoint: SMTPEndpoint
    /// How long one delivery may take, connection included; the claim lease outlasts it.
    let timeout: Duration
    private let threads: NIOThreadPool

    init(endpoint: SMTPEndpoint, timeout: Duration = .seconds(30)) {
        self.endpoint = endpoint
        self.timeout = timeout
        // One thread: a replica delivers one message at a time.
        threads = NIOThreadPool(numberOfThreads: 1)
        threads.start()
    }

    func send(_ mail: OutgoingMail, from sender: MailSender) async throws {
        let (endpoint, timeout) = (endpoint, timeout)
        let message = MIMEMessage(mail: mail, sender: sender, date: Date()).bytes
        // A line break in an address would end the SMTP command early: never pass one.
        let recipient = MIMEMessage.clean(mail.recipient)
        try await threads.runIfActive {
            try CurlEasy(message: message).send(to: endpoint, from: sender.address, recipient: recipient, timeout: timeout)
        }
    }

    func shutdown() async {
        try? await threads.shutdownGracefully()
    }
}
