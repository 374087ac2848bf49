import CCurl
import Glibc

/// `user-auth-server --check-health`: asks the local server's `/health`, for container health
/// checks, so the runtime image needs no curl tool: over plain TCP, or with TLS through libcurl.
enum HealthProbe {
    /// True when `GET /health` on 127.0.0.1:`port` answers 200 within three seconds.
    static func check(port: Int, tls: Bool) -> Bool {
        tls ? checkTLS(port: port) : checkPlain(port: port)
    }

    /// Over HTTPS. The certificate is not verified: this is the local server asked about its
    /// own liveness, by address, and nothing secret is sent.
    private static func checkTLS(port: Int) -> Bool {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT))
        guard let handle = curl_easy_init() else { return false }
        defer { curl_easy_cleanup(handle) }
        _ = uas_curl_set_string(handle, CURLOPT_URL, "https://127.0.0.1:\(port)/health")
        _ = uas_curl_set_long(handle, CURLOPT_TIMEOUT_MS, 3000)
        _ = uas_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = uas_curl_set_long(handle, CURLOPT_SSL_VERIFYPEER, 0)
        _ = uas_curl_set_long(handle, CURLOPT_SSL_VERIFYHOST, 0)
        _ = uas_curl_set_write_function(handle) { _, size, count, _ in size * count }
        return curl_easy_perform(handle) == CURLE_OK && uas_curl_response_code(handle) == 200
    }

    private static func checkPlain(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 3, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return false }
        let request = Array("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        guard send(fd, request, request.count, 0) == request.count else { return false }
        var buffer = [UInt8](repeating: 0, count: 64)
        let received = recv(fd, &buffer, buffer.count, 0)
        guard received > 0 else { return false }
        return String(decoding: buffer.prefix(received), as: UTF8.self).hasPrefix("HTTP/1.1 200")
    }
}
