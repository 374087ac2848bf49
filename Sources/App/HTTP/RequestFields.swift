import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The fields of a request body, read from JSON or (where the endpoint allows it) from an
/// `application/x-www-form-urlencoded` form; every format problem is a 4xx `APIError`.
struct RequestFields: Sendable {
    /// Bodies larger than this are refused with 413 before they are parsed.
    static let maxBytes = 64 * 1024

    let values: [String: JSONValue]

    /// Reads and parses `request`'s body. A missing `Content-Type` is read as JSON, as FastAPI does.
    /// With `allowEmpty`, an empty body (as a DELETE usually has) reads as no fields.
    static func read(_ request: Request, allowForm: Bool = false, allowEmpty: Bool = false) async throws -> RequestFields {
        let bytes = try await body(of: request)
        if allowEmpty && bytes.isEmpty { return RequestFields(values: [:]) }
        let mediaType = request.headers[.contentType].map(Self.mediaType) ?? "application/json"
        let isJSON = mediaType == "application/json" || mediaType.hasSuffix("+json")
        let isForm = allowForm && mediaType == "application/x-www-form-urlencoded"
        guard isJSON || isForm else {
            let accepted = allowForm ? "application/json or application/x-www-form-urlencoded" : "application/json"
            throw APIError(.unsupportedMediaType, "Unsupported media type \(mediaType); send \(accepted)")
        }
        return isJSON ? try parseJSON(bytes) : RequestFields(values: parseForm(bytes))
    }

    private static func mediaType(_ header: String) -> String {
        header.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    }

    private static func body(of request: Request) async throws -> [UInt8] {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxBytes {
            throw tooLarge
        }
        do {
            let buffer = try await request.body.collect(upTo: maxBytes)
            return Array(buffer.readableBytesView)
        } catch is NIOTooManyBytesError {
            throw tooLarge
        }
    }

    private static let tooLarge = APIError(.contentTooLarge, "Request body is larger than \(maxBytes / 1024) KiB")

    private static func parseJSON(_ bytes: [UInt8]) throws -> RequestFields {
        guard !bytes.isEmpty else {
            throw APIError(validation: [ValidationIssue(loc: [.key("body")], msg: "Field required", type: "missing")])
        }
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        } catch {
            throw APIError(validation: [ValidationIssue(loc: [.key("body"), .index(0)], msg: "JSON decode error", type: "json_invalid")])
        }
        guard case .object(let object) = value else {
            throw APIError(validation: [ValidationIssue(
                loc: [.key("body")], msg: "Input should be a valid dictionary or object to extract fields from",
                type: "model_attributes_type")])
        }
        return RequestFields(values: object)
    }

    private static func parseForm(_ bytes: [UInt8]) -> [String: JSONValue] {
        var values: [String: JSONValue] = [:]
        for pair in String(decoding: bytes, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (text: Substring) in
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            values[decode(parts[0])] = .string(parts.count > 1 ? decode(parts[1]) : "")
        }
        return values
    }
}
