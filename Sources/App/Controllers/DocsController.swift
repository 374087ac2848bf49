import Hummingbird
import NIOCore

/// `/openapi.json` and the Swagger UI page at `/docs` (Swagger UI from a CDN, as FastAPI does).
struct DocsController: Sendable {
    let document: ByteBuffer

    init() throws {
        document = try Self.rendered.get()
    }

    // The document never changes while the process runs; render it once, however many
    // applications the process builds.
    private static let rendered = Result { ByteBuffer(bytes: try OpenAPIDocument.json()) }

    func addRoutes(to router: Router<some RequestContext>) {
        router.get("openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: document))
        }
        router.get("docs") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: Self.page)))
        }
    }

    private static let page = """
        <!DOCTYPE html>
        <html>
        <head>
        <title>user-auth-service - Swagger UI</title>
        <link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui.css">
        </head>
        <body>
        <div id="swagger-ui"></div>
        <script src="https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui-bundle.js"></script>
        <script>
        SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui", presets: [SwaggerUIBundle.presets.apis], layout: "BaseLayout"});
        </script>
        </body>
        </html>
        """
}
