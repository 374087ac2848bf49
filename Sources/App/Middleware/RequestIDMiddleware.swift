import HTTPTypes
import Hummingbird
import Logging

/// Takes `X-Request-ID` from the request (when it is a sane token) or makes one, returns it on
/// the response, and puts it in every log line of the request as `request_id`.
struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let id = request.headers[.requestID].flatMap(Self.accepted) ?? context.id
        var context = context
        // One id per line: ours replaces Hummingbird's own `hb.request.id`.
        context.logger[metadataKey: "hb.request.id"] = nil
        context.logger[metadataKey: "request_id"] = "\(id)"
        do {
            var response = try await next(request, context)
            response.headers[.requestID] = id
            return response
        } catch let error as any HTTPResponseError {
            var response = try error.response(from: request, context: context)
            response.headers[.requestID] = id
            return response
        }
    }

    /// A client's id is echoed into logs and headers, so only short, plain tokens are taken.
    private static func accepted(_ value: String) -> String? {
        let allowed = value.utf8.allSatisfy { byte in
            (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte) || byte == 45 || byte == 95 || byte == 46
        }
        return allowed && (1...128).contains(value.utf8.count) ? value : nil
    }
}
