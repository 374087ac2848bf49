@testable import App
import Testing

/// Who the client is, from the peer and `X-Forwarded-For`.
@Suite("Client address")
struct TrustedProxiesTests {
    @Test("the right-most untrusted X-Forwarded-For entry, and only behind a trusted proxy")
    func resolution() throws {
        let proxies = try TrustedProxies(parsing: "10.0.0.0/8, 2001:db8::/32")
        #expect(proxies.client(peer: "203.0.113.5", forwardedFor: ["1.2.3.4"]) == "203.0.113.5")
        #expect(proxies.client(peer: "10.1.2.3", forwardedFor: ["1.2.3.4, 198.51.100.9"]) == "198.51.100.9")
        #expect(proxies.client(peer: "10.1.2.3", forwardedFor: ["1.2.3.4", "198.51.100.9, 10.9.9.9"]) == "198.51.100.9")
        #expect(proxies.client(peer: "10.1.2.3", forwardedFor: ["garbage, 10.2.2.2"]) == "10.2.2.2")
        #expect(proxies.client(peer: "10.1.2.3", forwardedFor: []) == "10.1.2.3")
        #expect(proxies.client(peer: "::ffff:10.1.2.3", forwardedFor: ["192.0.2.1"]) == "192.0.2.1")
        #expect(proxies.client(peer: "2001:db8::1", forwardedFor: ["2001:db8::2, 2001:DB9::7"]) == "2001:db9::7")
        #expect(try TrustedProxies(parsing: nil).client(peer: "10.1.2.3", forwardedFor: ["1.2.3.4"]) == "10.1.2.3")
        #expect(proxies.client(peer: nil, forwardedFor: ["1.2.3.4"]) == nil)
    }

    @Test("CIDR blocks match by prefix")
    func blocks() throws {
        #expect(try CIDR(parsing: "192.168.0.0/16").contains(IPAddress("192.168.200.1")!))
        #expect(try !CIDR(parsing: "192.168.0.0/17").contains(IPAddress("192.168.200.1")!))
        #expect(try CIDR(parsing: "0.0.0.0/0").contains(IPAddress("8.8.8.8")!))
        #expect(try !CIDR(parsing: "::/0").contains(IPAddress("8.8.8.8")!))
        #expect(try CIDR(parsing: "127.0.0.1").contains(IPAddress("127.0.0.1")!))
        #expect(try !CIDR(parsing: "127.0.0.1").contains(IPAddress("127.0.0.2")!))
    }
}
