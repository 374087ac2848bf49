import HTTPTypes
import Hummingbird
import Synchronization

/// The methods each served path answers, read from the router once its routes are added,
/// so 405 `Allow` headers can never disagree with what is served.
final class RouteMethods: Sendable {
    private let methodsByPath = Mutex<[String: [HTTPRequest.Method]]>([:])

    /// Takes the table from `router`'s routes; call it after the last route is added.
    func record(_ router: Router<some RequestContext>) {
        let table = Dictionary(grouping: router.routes, by: { "\($0.path)" }).mapValues { routes in
            routes.map(\.method).sorted { Self.rank($0) < Self.rank($1) }
        }
        methodsByPath.withLock { $0 = table }
    }

    /// The router lists routes alphabetically; `Allow` reads better in the usual order.
    private static func rank(_ method: HTTPRequest.Method) -> Int {
        [.get, .head, .post, .put, .patch, .delete, .options].firstIndex(of: method) ?? Int.max
    }

    /// The methods served at `path` (matching `{parameter}` segments); nil for an unknown path.
    func methods(at path: String) -> [HTTPRequest.Method]? {
        let table = methodsByPath.withLock { $0 }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard let methods = table[path] ?? table.first(where: { pattern, _ in Self.matches(pattern, segments) })?.value else { return nil }
        // The router answers HEAD wherever GET is served.
        return methods.contains(.get) && !methods.contains(.head) ? methods + [.head] : methods
    }

    /// A path parameter, as the router describes it: `{id}`.
    private static func isParameter(_ part: Substring) -> Bool {
        part.hasPrefix("{") && part.hasSuffix("}")
    }

    private static func matches(_ pattern: String, _ segments: [Substring]) -> Bool {
        let parts = pattern.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == segments.count && zip(parts, segments).allSatisfy { part, segment in
            Self.isParameter(part) ? !segment.isEmpty : part == segment
        }
    }
}
