import Hummingbird
import NIOCore

extension UserResponse {
    /// The user as JSON, written straight into the body: the answer to every authenticated
    /// read, where `JSONEncoder` was a measurable share of the work. Keys and values are the
    /// ones `Encodable` gives.
    func response(from request: Request, context: some RequestContext) throws -> Response {
        var json = "{\"id\":\(id),\"username\":"
        JSONText.append(username, to: &json)
        json += ",\"email\":"
        JSONText.append(email, to: &json)
        json += ",\"created_at\":"
        JSONText.append(createdAt, to: &json)
        json += ",\"email_verified\":\(emailVerified)}"
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
    }
}
