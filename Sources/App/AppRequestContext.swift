import Hummingbird
import NIOCore

/// The request context of every route: Hummingbird's basics, the TCP peer's address, and the
/// client's address as `ClientAddressMiddleware` resolved it.
struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    /// The connected client (or proxy); nil in in-process tests.
    let remoteAddress: SocketAddress?
    /// The client's IP address: the peer, or what a trusted proxy says; set by
    /// `ClientAddressMiddleware`, nil when unknown.
    var clientAddress: String?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The key that throttling and the hasher's fair share count this client by.
    var clientKey: String { clientAddress ?? "unknown" }
}
