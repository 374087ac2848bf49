import Foundation
import Hummingbird
import NIOCore

/// `/openapi.json` and Swagger UI at `/docs`, served from files vendored with the service
/// (`Resources/swagger-ui`): it works offline, and no script from elsewhere runs on the
/// origin that asks users for their passwords.
struct DocsController: Sendable {
    let document: ByteBuffer
    let assets: [String: Asset]

    /// One vendored file and its media type.
    struct Asset: Sendable {
        let body: ByteBuffer
        let contentType: String
    }

    init() throws {
        document = try Self.rendered.get()
        assets = try Self.vendored.get()
    }

    // Neither changes while the process runs; read them once, however many applications the
    // process builds.
    private static let rendered = Result { ByteBuffer(bytes: try OpenAPIDocument.json()) }
    private static let vendored = Result { try loadAssets() }

    /// Only the docs may load scripts and styles, and only from this origin.
    static let contentSecurityPolicy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'"

    func addRoutes(to router: Router<some RequestContext>) {
        router.get("openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: document))
        }
        router.get("docs") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8", .contentSecurityPolicy: Self.contentSecurityPolicy],
                body: .init(byteBuffer: ByteBuffer(string: Self.page)))
        }
        router.get("docs/:file") { _, context in
            guard let name = context.parameters.get("file"), let asset = assets[name] else { throw HTTPError(.notFound) }
            return Response(
                status: .ok,
                headers: [.contentType: asset.contentType, .cacheControl: "public, max-age=86400", .contentSecurityPolicy: Self.contentSecurityPolicy],
                body: .init(byteBuffer: asset.body))
        }
    }

    private static func loadAssets() throws -> [String: Asset] {
        let types = [
            "swagger-ui-bundle.js": "text/javascript; charset=utf-8", "swagger-initializer.js": "text/javascript; charset=utf-8",
            "swagger-ui.css": "text/css; charset=utf-8", "favicon-32x32.png": "image/png",
        ]
        var assets: [String: Asset] = [:]
        for (name, type) in types {
            guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Resources/swagger-ui") else {
                throw StartupError("the vendored Swagger UI file \(name) is missing from the resource bundle")
            }
            assets[name] = Asset(body: ByteBuffer(bytes: try Data(contentsOf: url)), contentType: type)
        }
        return assets
    }

    private static let page = """
        <!DOCTYPE html>
        <html>
        <head>
        <meta charset="utf-8">
        <title>user-auth-service - Swagger UI</title>
        <link rel="icon" type="image/png" href="/docs/favicon-32x32.png">
        <link rel="stylesheet" href="/docs/swagger-ui.css">
        </head>
        <body>
        <div id="swagger-ui"></div>
        <script src="/docs/swagger-ui-bundle.js"></script>
        <script src="/docs/swagger-initializer.js"></script>
        </body>
        </html>
        """
}
