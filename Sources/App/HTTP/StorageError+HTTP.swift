public import HTTPTypes
public import Hummingbird
public import Storage

/// How storage failures look over HTTP. Only App knows about HTTP; Storage stays unaware.
extension StorageError: HTTPResponseError {
    public var status: HTTPResponse.Status { apiError.status }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        try apiError.response(from: request, context: context)
    }

    /// The JSON error a client sees for this failure.
    var apiError: APIError {
        switch code {
        case .conflict: APIError(.conflict, field == .email ? "Email already registered" : "Username already registered")
        case .notFound: APIError(.notFound, "User not found")
        case .unavailable: .unavailable("Database unavailable, retry later")
        case .internal: APIError(.internalServerError, "Internal Server Error")
        }
    }
}
