import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Storage

/// Turns every error into FastAPI's JSON shape `{"detail": ...}`: unknown routes become 404,
/// known paths with the wrong method 405 with `Allow`, anything unexpected a logged 500.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The methods each served path answers, for 405 responses.
    let routes: RouteMethods

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return try apiError(for: error, request: request, context: context).response(from: request, context: context)
        }
    }

    private func apiError(for error: any Error, request: Request, context: Context) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as StorageError:
            return apiError(for: error, context: context)
        case is PasswordHasher.Busy:
            return .unavailable("Too many password checks in progress, retry shortly", retryAfter: 1)
        case is PasswordHasher.ClientBusy:
            return .tooManyRequests(retryAfter: 1)
        case let error as HTTPError where error.status == .notFound:
            return routingError(for: request)
        case let error as HTTPError:
            return APIError(error.status, error.body ?? error.status.reasonPhrase, headers: error.headers)
        case is NIOTooManyBytesError:
            return APIError(.contentTooLarge, "Request body is larger than \(RequestFields.maxBytes / 1024) KiB")
        default:
            // The type only: an error's text could quote a request value.
            context.logger.error("unhandled error", metadata: ["error_type": "\(type(of: error))"])
            return APIError(.internalServerError, "Internal Server Error")
        }
    }

    private func apiError(for error: StorageError, context: Context) -> APIError {
        // Storage messages hold no secrets (no values, passwords are redacted), so they may be logged.
        switch error.code {
        case .unavailable: context.logger.warning("database unavailable", metadata: ["error": "\(error)"])
        case .internal: context.logger.error("database error", metadata: ["error": "\(error)"])
        case .conflict, .notFound: break
        }
        return error.apiError
    }

    private func routingError(for request: Request) -> APIError {
        // A route of this method matched and found nothing (a docs file that is not there): 404.
        guard let methods = routes.methods(at: request.uri.path), !methods.contains(request.method) else {
            return APIError(.notFound, "Not Found")
        }
        let allow = methods.map(\.rawValue).joined(separator: ", ")
        return APIError(.methodNotAllowed, "Method Not Allowed", headers: [.allow: allow])
    }
}
