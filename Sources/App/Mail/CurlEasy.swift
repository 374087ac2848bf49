import CCurl
import Foundation
import Storage

/// One libcurl easy handle sending one message over SMTP. Used by one thread from creation
/// to deinit (the transport's own), so it needs no locking and is not `Sendable`.
final class CurlEasy {
    private let handle: UnsafeMutableRawPointer
    private var recipients: UnsafeMutablePointer<curl_slist>?
    private var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    private let upload: CurlUpload

    init(message: [UInt8]) throws {
        _ = Self.globalInit
        guard let handle = curl_easy_init() else { throw MailDeliveryError(permanent: false, reason: "curl_easy_init failed") }
        self.handle = handle
        upload = CurlUpload(message)
    }

    deinit {
        curl_slist_free_all(recipients)
        curl_easy_cleanup(handle)
    }

    /// libcurl's global state, set up once before the first handle (it is not thread-safe).
    private static let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    /// Sends the message to `recipient` on `endpoint`, blocking this thread until done.
    func send(to endpoint: SMTPEndpoint, from sender: String, recipient: String, timeout: Duration) throws {
        try configure(endpoint, timeout: timeout)
        try check(uas_curl_set_string(handle, CURLOPT_MAIL_FROM, "<\(sender)>"))
        recipients = curl_slist_append(recipients, "<\(recipient)>")
        try check(uas_curl_set_pointer(handle, CURLOPT_MAIL_RCPT, recipients))
        let result = curl_easy_perform(handle)
        guard result == CURLE_OK else { throw failure(result) }
    }

    private func configure(_ endpoint: SMTPEndpoint, timeout: Duration) throws {
        try check(uas_curl_set_string(handle, CURLOPT_URL, endpoint.curlURL))
        try check(uas_curl_set_long(handle, CURLOPT_NOSIGNAL, 1))
        try check(uas_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(min(timeout, .seconds(10)).milliseconds)))
        try check(uas_curl_set_long(handle, CURLOPT_TIMEOUT_MS, Int(timeout.milliseconds)))
        // STARTTLS when offered; required with ?starttls=required (implicit TLS for smtps).
        let tls = endpoint.requireStartTLS ? CURLUSESSL_ALL : CURLUSESSL_TRY
        try check(uas_curl_set_long(handle, CURLOPT_USE_SSL, Int(tls.rawValue)))
        if let username = endpoint.username { try check(uas_curl_set_string(handle, CURLOPT_USERNAME, username)) }
        if let password = endpoint.password { try check(uas_curl_set_string(handle, CURLOPT_PASSWORD, password)) }
        try errorBuffer.withUnsafeMutableBufferPointer { try check(uas_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, $0.baseAddress)) }
        try check(uas_curl_set_long(handle, CURLOPT_UPLOAD, 1))
        try check(uas_curl_set_read_function(handle, readMessage))
        try check(uas_curl_set_pointer(handle, CURLOPT_READDATA, Unmanaged.passUnretained(upload).toOpaque()))
    }

    /// A 5xx reply is the server refusing for good; anything else may pass on a retry.
    private func failure(_ result: CURLcode) -> MailDeliveryError {
        let reply = uas_curl_response_code(handle)
        let detail = errorBuffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        let reason = "\(detail.isEmpty ? String(cString: curl_easy_strerror(result)) : detail) (reply \(reply))"
        return MailDeliveryError(permanent: (500..<600).contains(reply), reason: reason)
    }

    private func check(_ code: CURLcode) throws {
        guard code == CURLE_OK else {
            throw MailDeliveryError(permanent: false, reason: "curl: \(String(cString: curl_easy_strerror(code)))")
        }
    }
}

/// What libcurl reads after `DATA`, on the handle's thread.
private final class CurlUpload {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Copies the next part of the message into `buffer`; 0 at the end.
    func read(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int {
        let count = min(capacity, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }
}

/// libcurl's read callback, a C function: the upload comes back through `context`.
private func readMessage(_ buffer: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?) -> Int {
    guard let buffer, let context else { return 0 }
    return Unmanaged<CurlUpload>.fromOpaque(context).takeUnretainedValue().read(into: buffer, capacity: size * count)
}
