import Hummingbird
import NIOCore

/// The request context of every route: Hummingbird's basics plus the TCP peer's address.
struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    /// The connected client (or proxy); nil in in-process tests.
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The client's IP address as text, if known.
    var clientAddress: String? { remoteAddress?.ipAddress }
}
