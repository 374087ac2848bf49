import Foundation
import Glibc
import Synchronization

/// A PostgreSQL server on a test host of its own: a network namespace joined to this machine
/// by a veth pair on 198.18.0.0/15 (`scripts/test-host.sh`), where a test can cut the network
/// silently (a blackhole route: packets vanish, nothing answers) and heal it. Needs root and
/// iproute2; without them the test fails, it never skips.
public struct TestHost: Sendable {
    /// The namespace, unique to this process and call.
    public let name: String
    /// Picks the addresses 198.18.INDEX.1 (this side) and 198.18.INDEX.2 (the host).
    public let index: Int

    /// The host's address, where PostgreSQL listens on 5432.
    public var address: String { "198.18.\(index).2" }

    /// A URL for the host's PostgreSQL (trust authentication from the test range).
    public var postgresURL: String { "postgresql://postgres@\(address):5432/postgres" }

    private static let counter = Atomic<Int>(0)

    /// Makes a host, runs `body`, and removes the host also when `body` throws.
    public static func with<T>(_ body: (TestHost) async throws -> T) async throws -> T {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/sbin/ip") || FileManager.default.isExecutableFile(atPath: "/sbin/ip") else {
            throw TestSetupError("network tests need root and ip (iproute2) for network namespaces; run them with scripts/test.sh as root")
        }
        let count = counter.add(1, ordering: .relaxed).newValue
        let pid = Int(getpid())
        let host = TestHost(name: "uas\(pid % 100_000)x\(count % 100)", index: 1 + (pid * 7 + count) % 250)
        return try await Repository.withScript("test-host.sh", host.arguments) { _ in try await body(host) }
    }

    /// Cuts the way back from the host: from now on nothing it sends arrives.
    public func partition() async throws { try await run("partition") }

    /// Restores the way back.
    public func heal() async throws { try await run("heal") }

    private var arguments: [String] { [name, String(index)] }

    private func run(_ action: String) async throws {
        try await Repository.runScript("test-host.sh", [action] + arguments)
    }
}
